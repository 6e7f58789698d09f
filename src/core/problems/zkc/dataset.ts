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

export interface ZkcData extends GcnData {
  /** Class per node (0/1). */
  labels: number[];
  trainNodes: number[];
  testNodes: number[];
}

export function zkcData(options: ZkcDataOptions): ZkcData {
  const n = karateClub.nodeCount;
  const labels = zkcLabels();
  const testNodes = [...zkcTestNodes];
  const isTest = new Set(testNodes);
  return {
    aHat: matrix(n, n, gcnAdjacency(karateClub, options).aHat),
    x: identity(n),
    y: oneHot(labels, zkcSizes.classes),
    mask: nodeMask(options.maskMode, n, testNodes),
    labels,
    trainNodes: labels.map((_, i) => i).filter((i) => !isTest.has(i)),
    testNodes,
  };
}
