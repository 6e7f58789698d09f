import { zkcProblem } from '../../../src/core/problems/zkc';
import { zkcChild, type ZkcSolution } from '../../../src/core/problems/zkc/child';
import { hiddenChecks as studentHidden } from '../../../src/core/problems/zkc/hidden.student';
import { zkcInfo } from '../../../src/core/problems/zkc/meta';
import * as reference from '../../../src/core/problems/zkc/reference';
import { describeHiddenChecks } from '../support/hiddenChecksSuite';
import { fixtureFile, loadExports } from './studentFile';

/** The reference's backward with the node count of H_in in place of the n it is given. */
const nodeCountNotN: ZkcSolution = {
  ...(reference as unknown as ZkcSolution),
  gcnBackward: (aHat, hIn, h, w, g, _n, lambda) => reference.gcnBackward(aHat, hIn, h, w, g, hIn.shape[0], lambda),
};

describeHiddenChecks({
  title: 'Q1 hidden checks (grading runs)',
  problem: zkcProblem,
  info: zkcInfo,
  child: zkcChild,
  reference,
  config: zkcProblem.defaultConfig(true),
  hiddenIds: ['q1.hidden-backward-points'],
  studentHidden,
  writtenDifferently: {
    name: 'a correct solution written differently (the ws-zkc-correct fixture)',
    solution: loadExports(fixtureFile('ws-zkc-correct')),
  },
  bugs: {
    'the node count of H_in in place of n': {
      solution: nodeCountNotN,
      fails: 'q1.hidden-backward-points',
      message: /n = (?!34)\d+/,
    },
  },
});
