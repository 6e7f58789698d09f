// Problem 1: a GCN on Zachary's karate club, the judge's half. The child (child.ts) trains the network
// with the student's GCN pieces in both mask modes (streaming losses, accuracy and embeddings) and
// records the all-nodes training; the checks here call every piece through the child and compare it
// with the float64 ground truth, and the recorded training with its float64 replay (expected.ts: live
// on the staff side, recorded in the student build).
import type { Problem } from '../../problem';
import type { Finding } from '../../engine/events';
import { checkZkc } from './checks';
import { hiddenChecks } from './hidden';
import { isGradingRun } from '../grading';
import { checkAnswers } from '../../answers';
import { MASK_MODES, zkcTrainDefaults, type ZkcConfig } from './config';
import { zkcInfo } from './meta';
import { recordSchema, zkcRunArtifactSchema } from './schemas';

export type { ZkcConfig } from './config';
export type { ZkcRecord, ZkcTrainingHistory } from './record';

/** Quick runs (CI, the panel's first look) train this many epochs at most. */
const QUICK_EPOCHS = 2_000;

function defaultConfig(quick: boolean): ZkcConfig {
  return {
    seed: zkcTrainDefaults.seed,
    quick,
    weighted: zkcTrainDefaults.weighted,
    learningRate: zkcTrainDefaults.learningRate,
    lambda: zkcTrainDefaults.lambda,
    maxEpochs: quick ? QUICK_EPOCHS : zkcTrainDefaults.maxEpochs,
    patience: zkcTrainDefaults.patience,
    maskModes: [...MASK_MODES],
  };
}

export const zkcProblem: Problem<ZkcConfig> = {
  ...zkcInfo,
  defaultConfig,
  recordSchema,
  artifactSchemas: { 'zkc-run': zkcRunArtifactSchema },
  async checks(ctx): Promise<Finding[]> {
    return [
      ...(await checkZkc(ctx)),
      ...(isGradingRun(ctx.config) ? await hiddenChecks(ctx.child, ctx.config.seed) : []),
      ...checkAnswers(ctx.answers, zkcInfo.answerIds!, { revealAnswers: ctx.config.revealAnswers }),
    ];
  },
};
