// Problem 4: autoencoders, linear probes and the PCA link — the judge's half. The student writes the
// decoder's widths, the forward pass, the loss, the two corruptions and the probe's accuracy; the
// child (child.ts) trains the homework's grid, probes every frozen encoder and compares the linear
// autoencoders with PCA, and hands back what it measured (the record). Here: the config, the schemas
// the child's record and artifacts must fit, and the checks: the student's functions on the judge's
// small inputs (through ctx.child) against float64 ground truth, and the run's record (every loss
// finite, the probe counts, the linear autoencoder against PCA).
import { checkAnswers } from '../../answers';
import type { Finding } from '../../engine/events';
import type { Problem } from '../../problem';
import { checkAutoencoderCode } from './checks';
import { hiddenChecks } from './hidden';
import { isGradingRun } from '../grading';
import { defaultConfig, type AutoencodersConfig } from './config';
import { autoencodersInfo } from './meta';
import type { AeRecord } from './results';
import { finiteLossFindings, pcaFindings, probeCountFindings, withRunNotes } from './runChecks';
import { aeArtifactSchemas, aeRecordSchema } from './schemas';

export type { AutoencoderSolution } from './solution';
export type { AutoencodersConfig } from './config';

export const autoencodersProblem: Problem<AutoencodersConfig> = {
  ...autoencodersInfo,
  defaultConfig,
  recordSchema: aeRecordSchema,
  artifactSchemas: aeArtifactSchemas,
  hasCells: true,
  async checks(ctx): Promise<Finding[]> {
    const code = await checkAutoencoderCode(ctx.child, ctx.config.seed);
    // 4b-i and 4b-ii are derivations, graded by hand: the checker only notes an empty answer.
    const answers = checkAnswers(ctx.answers, autoencodersInfo.answerIds!, { revealAnswers: ctx.config.revealAnswers });
    const hidden = isGradingRun(ctx.config) ? await hiddenChecks(ctx.child, ctx.config.seed) : [];
    const record = ctx.record as AeRecord | undefined;
    if (!record) return [...code.findings, ...hidden, ...answers];
    return [
      ...withRunNotes(code.findings, record),
      ...hidden,
      ...finiteLossFindings(record.cells),
      ...probeCountFindings(record.cells),
      ...pcaFindings(record.pca),
      ...answers,
    ];
  },
};
