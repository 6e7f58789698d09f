// Q1's dataset as the network consumes it: Â of the karate club, X = I₃₄ (one-hot features),
// one-hot modularity labels, the train/test split, and the mask of nodes that feed the gradient.
import { karateClub } from './karate';
import { gcnAdjacency } from './adjacency';
import { nodeMask, oneHot, zkcSizes, type GcnData, type MaskMode } from './float64Gcn';
import { identity, matrix } from './matrix';
import { zkcLabels, zkcTestNodes } from './labels';

export interface ZkcDataOptions {
  /** Â from the interaction counts (true) or from the 0/1 matrix. */
  weighted: boolean;
  maskMode: MaskMode;
}

/** What a training needs besides Â and X: targets, the split and the mask. */
export type ZkcTargets = Omit<ZkcData, 'aHat' | 'x'>;

export interface ZkcData extends GcnData {
  /** Class per node (0/1). */
  labels: number[];
  trainNodes: number[];
  testNodes: number[];
}

export function zkcData(options: ZkcDataOptions): ZkcData {
  const n = karateClub.nodeCount;
  return { aHat: matrix(n, n, gcnAdjacency(karateClub, options).aHat), x: identity(n), ...zkcTargets(options) };
}

/**
 * The dataset without Â and X: the child trains on the Â and X the student's own addSelfLoops,
 * normalizeAdjacency and nodeFeatures build, so its bundle needs (and holds) no normalisation.
 */
export function zkcTargets(options: ZkcDataOptions): ZkcTargets {
  const n = karateClub.nodeCount;
  const labels = zkcLabels();
  const testNodes = [...zkcTestNodes];
  const isTest = new Set(testNodes);
  return {
    y: oneHot(labels, zkcSizes.classes),
    mask: nodeMask(options.maskMode, n, testNodes),
    labels,
    trainNodes: labels.map((_, i) => i).filter((i) => !isTest.has(i)),
    testNodes,
  };
}
