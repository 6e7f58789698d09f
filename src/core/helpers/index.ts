// The lab's helper module: what a student's file imports as `hw6-lab`.
// In every host it resolves to the host's own instance (same tfjs, same types).
export type { Hypothesis, Candidate, BeamStep, BeamResult } from '../problems/beam-search/trace';

/** Returns log-probabilities over the vocabulary for the next token after `prefix`. */
export type StepFn = (prefix: readonly number[]) => ArrayLike<number>;

/** Numerically stable log-softmax of a plain array of logits. */
export function logSoftmax(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i]! - max);
  const logZ = max + Math.log(sum);
  return Array.from(logits, (x) => x - logZ);
}

export type { DenseLayer, AutoencoderParams, AutoencoderOutput } from '../problems/autoencoders/solution';
export type {
  ZkcParams,
  ZkcGradients,
  ZkcData,
  LayerGradients,
  SoftmaxGradients,
  NetworkPass,
  TrainStepResult,
} from '../problems/zkc/helpers';
export { softmaxForward, softmaxBackward, gradientDescent, numericGradientCheck } from '../problems/zkc/helpers';
