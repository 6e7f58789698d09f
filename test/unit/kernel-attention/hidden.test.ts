import { kernelAttentionProblem } from '../../../src/core/problems/kernel-attention';
import { hiddenChecks as studentHidden } from '../../../src/core/problems/kernel-attention/hidden.student';
import { kernelAttentionInfo } from '../../../src/core/problems/kernel-attention/meta';
import * as reference from '../../../src/core/problems/kernel-attention/reference';
import { describeHiddenChecks } from '../support/hiddenChecksSuite';
import { child } from './studentFile';
import { hiddenOnlyBugs, writtenDifferently } from './wrongSolutions';

describeHiddenChecks({
  title: 'Q3 hidden checks (grading runs)',
  problem: kernelAttentionProblem,
  info: kernelAttentionInfo,
  child,
  reference,
  config: kernelAttentionProblem.defaultConfig(true),
  hiddenIds: ['q3.hidden-large-scores', 'q3.hidden-shapes'],
  studentHidden,
  writtenDifferently: { name: 'a correct solution written differently', solution: writtenDifferently },
  bugs: hiddenOnlyBugs,
});
