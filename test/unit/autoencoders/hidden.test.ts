import { autoencodersProblem } from '../../../src/core/problems/autoencoders';
import { hiddenChecks as studentHidden } from '../../../src/core/problems/autoencoders/hidden.student';
import { autoencodersInfo } from '../../../src/core/problems/autoencoders/meta';
import { describeHiddenChecks } from '../support/hiddenChecksSuite';
import { child, quickConfig } from './support';
import { reluAfterFirstOnly, writtenDifferently } from './hiddenBugs';
import { reference } from './wrongSolutions';

describeHiddenChecks({
  title: 'Q4 hidden checks (grading runs)',
  problem: autoencodersProblem,
  info: autoencodersInfo,
  child,
  reference,
  config: quickConfig(),
  hiddenIds: ['q4.hidden-deeper-forward'],
  studentHidden,
  writtenDifferently: { name: 'a correct forward written differently', solution: writtenDifferently },
  bugs: {
    'ReLU only after the first layer of each stack': {
      solution: reluAfterFirstOnly,
      fails: 'q4.hidden-deeper-forward',
      message: /relu 9-8-6-4-6-8-9/,
    },
  },
});
