// The decoder a beam search walks: a step function giving log-probabilities, and the log-softmax
// that turns a model's logits into them. Students get both from "hw6-lab" (./studentHelpers.ts).

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
