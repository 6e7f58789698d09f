// Seeded bugs: named one-line mutations of the reference-solved workspace (grading/solution), the
// mistakes students make. Each applied to a copy of the workspace is a submission that must score
// below the reference; `writeSubmissions` lays out a batch of them for the grading tests and the
// grading bench.
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths';

export interface SeededBug {
  /** A name fit for a folder: what is wrong, in a few words. */
  id: string;
  /** The mistake, in a sentence. */
  description: string;
  /** The workspace file it changes. */
  file: string;
  /** The line's text in the solution (found exactly once) and its replacement. */
  from: string;
  to: string;
  /** Check ids (or answers.md question ids) the bug must fail. */
  fails: readonly string[];
}

export const seededBugs: readonly SeededBug[] = [
  {
    id: 'beam-keeps-k-minus-1',
    description: 'Beam search keeps k − 1 hypotheses after every step.',
    file: 'q5_beam_search.ts',
    from: 'if (kept.length > k) kept.pop();',
    to: 'if (kept.length > k - 1) kept.pop();',
    fails: ['q5.shape'],
  },
  {
    id: 'gcn-backward-no-transpose',
    description: 'The GCN backward pass forgets to transpose δ in dW = δᵀ(Â H_in).',
    file: 'q1_zkc.ts',
    from: 'dW: tf.add(tf.div(tf.matMul(delta, aH, true, false), n), tf.mul(w, lambda / n)),',
    to: 'dW: tf.add(tf.div(tf.matMul(aH, delta, true, false), n), tf.mul(w, lambda / n)),',
    fails: ['q1.gcn-backward', 'q1.network', 'q1.train'],
  },
  {
    id: 'gcn-no-weight-decay',
    description: 'The GCN backward pass leaves out the λW/N term of dW.',
    file: 'q1_zkc.ts',
    from: 'dW: tf.add(tf.div(tf.matMul(delta, aH, true, false), n), tf.mul(w, lambda / n)),',
    to: 'dW: tf.add(tf.div(tf.matMul(delta, aH, true, false), n), tf.mul(w, 0)),',
    fails: ['q1.gcn-backward'],
  },
  {
    id: 'self-loops-doubled',
    description: 'Self-loops of weight 2 instead of 1.',
    file: 'q1_zkc.ts',
    from: 'return tf.add(a, tf.eye(a.shape[0]));',
    to: 'return tf.add(a, tf.mul(tf.eye(a.shape[0]), 2));',
    fails: ['q1.self-loops'],
  },
  {
    id: 'attention-not-scaled',
    description: 'Scaled attention divides the scores by 1 instead of √d.',
    file: 'q2_attention_scaling.ts',
    from: 'const scaled: tf.Tensor1D = tf.div(scores, Math.sqrt(d));',
    to: 'const scaled: tf.Tensor1D = tf.div(scores, 1);',
    fails: ['q2.scaled-softmax', 'q2.scaled-variance'],
  },
  {
    id: 'softmax-attention-not-scaled',
    description: 'Softmax attention computes softmax(QKᵀ)V, without the 1/√D.',
    file: 'q3_kernel_attention.ts',
    from: 'const scaled = tf.mul(Q, 1 / Math.sqrt(Q.shape[1])) as tf.Tensor2D;',
    to: 'const scaled = tf.mul(Q, 1) as tf.Tensor2D;',
    fails: ['q3.softmax-attention'],
  },
  {
    id: 'phi-without-constant',
    description: 'The feature map φ drops the constant 1 of x̃ = [1; x], so φ(q)ᵀφ(k) is (qᵀk)², not (qᵀk + 1)².',
    file: 'q3_kernel_attention.ts',
    from: 'const rows: tf.Tensor2D[] = [tf.ones<tf.Rank.R2>([1, N])];',
    to: 'const rows: tf.Tensor2D[] = [tf.zeros<tf.Rank.R2>([1, N])];',
    fails: ['q3.feature-map', 'q3.equivalence'],
  },
  {
    id: 'ae-loss-wrong-axis',
    description: 'The reconstruction loss sums the squared errors over the batch and averages over the features.',
    file: 'q4_autoencoders.ts',
    from: 'return tf.tidy(() => tf.mean(tf.sum(tf.square(tf.sub(x, reconstruction)), 1)));',
    to: 'return tf.tidy(() => tf.mean(tf.sum(tf.square(tf.sub(x, reconstruction)), 0)));',
    fails: ['q4.loss'],
  },
  {
    id: 'ae-relu-after-last-layer',
    description: 'The ReLU autoencoder also applies the activation after the bottleneck and the last layer.',
    file: 'q4_autoencoders.ts',
    from: 'if (i < layers.length - 1 && activation === "relu") h = tf.relu(h);',
    to: 'if (activation === "relu") h = tf.relu(h);',
    fails: ['q4.forward'],
  },
  {
    id: 'mask-keeps-p',
    description: 'Masking keeps each entry with probability p instead of zeroing it with probability p.',
    file: 'q4_autoencoders.ts',
    from: 'const keep = tf.cast(tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, "float32", seed), p), "float32");',
    to: 'const keep = tf.cast(tf.less(tf.randomUniform(x.shape, 0, 1, "float32", seed), p), "float32");',
    fails: ['q4.masking'],
  },
  {
    id: 'answer-2c-wrong',
    description: 'answers.md: the scale s of 2c is d instead of √d.',
    file: 'answers.md',
    from: 'Answer: sqrt(d)',
    to: 'Answer: d',
    fails: ['2c'],
  },
  {
    id: 'answer-3b-ii-wrong',
    description: 'answers.md: the size of φ(x) in 3b-ii is D(D+1), which no feature map of the kernel has.',
    file: 'answers.md',
    from: 'Answer: (D+1)(D+2)/2',
    to: 'Answer: D(D+1)',
    fails: ['3b-ii'],
  },
  {
    id: 'answer-5e-wrong',
    description: 'answers.md: beam search time in 5e leaves out the T steps: O(k M).',
    file: 'answers.md',
    from: 'Answer: O(T k (M + k log k))',
    to: 'Answer: O(k M)',
    fails: ['5e'],
  },
];

/** The reference-solved workspace shipped with the repository (never in the VSIX). */
export function solutionDir(): string {
  return join(packageRoot(), 'grading', 'solution');
}

/** `text` with the bug's line replaced; throws when the line is not found exactly once. */
export function applyBug(text: string, bug: SeededBug): string {
  const at = text.indexOf(bug.from);
  if (at < 0 || text.indexOf(bug.from, at + 1) >= 0)
    throw new Error(`Seeded bug ${bug.id}: "${bug.from}" is not in ${bug.file} exactly once.`);
  return text.slice(0, at) + bug.to + text.slice(at + bug.from.length);
}

/** Copies the solution into `dir` with `bug` applied (none: the reference as it is). */
export function writeMutant(solution: string, dir: string, bug?: SeededBug): void {
  mkdirSync(dir, { recursive: true });
  cpSync(solution, dir, { recursive: true });
  if (bug) {
    const file = join(dir, bug.file);
    writeFileSync(file, applyBug(readFileSync(file, 'utf8'), bug));
  }
}

export interface WrittenSubmission {
  name: string;
  dir: string;
  /** Absent for the reference. */
  bug?: SeededBug;
}

/**
 * Writes `count` submissions into `dir`: `00-reference`, then one folder per seeded bug in the
 * list's order (`01-beam-keeps-k-minus-1`, …), the list starting over when `count` exceeds it.
 */
export function writeSubmissions(
  dir: string,
  count: number,
  options: { solution?: string; bugs?: readonly SeededBug[] } = {},
): WrittenSubmission[] {
  const solution = options.solution ?? solutionDir();
  const bugs = options.bugs ?? seededBugs;
  if (readdirSync(solution).length === 0) throw new Error(`The solution folder ${solution} is empty.`);
  const written: WrittenSubmission[] = [];
  for (let i = 0; i < count; i++) {
    const bug = i === 0 || bugs.length === 0 ? undefined : bugs[(i - 1) % bugs.length];
    const name = `${String(i).padStart(2, '0')}-${bug ? bug.id : 'reference'}`;
    const target = join(dir, name);
    writeMutant(solution, target, bug);
    written.push({ name, dir: target, ...(bug ? { bug } : {}) });
  }
  return written;
}
