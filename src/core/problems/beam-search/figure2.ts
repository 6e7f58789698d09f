// The Figure 2 tree of Q5 as data: log p(token | prefix) for every prefix of length < 3 over the
// vocabulary {neural, network}. The homework's original figure was lost; these 14 values are the
// reconstruction in the homework. Drop the real values into FIGURE2_LOG_PROBS and everything
// downstream (checks, panel, metrics) follows, since nothing else hard-codes an answer.
import type { StepFn } from './stepFn';

export interface LogProbTree {
  /** Token names; token id i is vocab[i]. */
  vocab: string[];
  /** Depth of the tree: the longest sequence it scores. */
  depth: number;
  /** log p(· | prefix) keyed by the prefix's words joined by spaces ('' for the start). */
  logProbs: Record<string, number[]>;
}

export const FIGURE2: LogProbTree = {
  vocab: ['neural', 'network'],
  depth: 3,
  logProbs: {
    '': [-0.51, -0.92],
    neural: [-0.6, -0.8],
    network: [-0.29, -1.39],
    'neural neural': [-0.51, -0.92],
    'neural network': [-3.0, -0.05],
    'network neural': [-0.36, -1.2],
    'network network': [-0.69, -0.69],
  },
};

/** A step function reading a log-probability tree; asking beyond the tree's depth is an error. */
export function treeStep(tree: LogProbTree): StepFn {
  return (prefix) => {
    const key = Array.from(prefix, (token) => tree.vocab[token] ?? `<${token}>`).join(' ');
    const row = tree.logProbs[key];
    if (!row) {
      throw new RangeError(
        `The Figure 2 tree has no log-probabilities after [${key}] (it scores sequences of up to ${tree.depth} tokens over ${tree.vocab.length} words).`,
      );
    }
    // A fresh copy: a caller that mutates the array cannot change the tree.
    return row.slice();
  };
}

export const figure2Step: StepFn = treeStep(FIGURE2);
