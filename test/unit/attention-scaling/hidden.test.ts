import { scalingProblem } from '../../../src/core/problems/attention-scaling';
import { hiddenChecks as studentHidden } from '../../../src/core/problems/attention-scaling/hidden.student';
import { scalingInfo } from '../../../src/core/problems/attention-scaling/meta';
import * as reference from '../../../src/core/problems/attention-scaling/reference';
import { describeHiddenChecks } from '../support/hiddenChecksSuite';
import { judgedChild } from './studentFile';
import { hiddenOnlyBugs, writtenDifferently } from './hiddenBugs';

describeHiddenChecks({
  title: 'Q2 hidden checks (grading runs)',
  problem: scalingProblem,
  info: scalingInfo,
  child: judgedChild,
  reference,
  config: scalingProblem.defaultConfig(true),
  hiddenIds: ['q2.hidden-more-d', 'q2.hidden-large-scores'],
  studentHidden,
  writtenDifferently: { name: 'a correct solution written differently', solution: writtenDifferently },
  bugs: hiddenOnlyBugs,
});
