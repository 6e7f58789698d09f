// Building the parts of a ZkcRunArtifact from what the lab computed: the graph (data and labels)
// and a mask mode's series from a training history. The run and the tests' recorded run share it.
import { karateClub, karateClubs } from './karate';
import { MAX_EMBEDDING_FRAMES, type MaskMode, type ZkcGraphData, type ZkcSeries } from './artifact';
import { zkcCommunities, zkcLabels, zkcTestNodes } from './labels';
import type { StopReason, ZkcHistory } from './train';

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

export function zkcGraphData(): ZkcGraphData {
  const communities = zkcCommunities();
  return {
    nodeCount: karateClub.nodeCount,
    edges: karateClub.edges.map(([u, v, w]) => [Math.min(u, v), Math.max(u, v), w]),
    clubs: [...karateClubs],
    labels: zkcLabels(),
    communities: communities.communities.map((c) => [...c]),
    modularity: communities.modularity,
    testNodes: [...zkcTestNodes],
  };
}

/** Every epoch's losses and accuracy; at most MAX_EMBEDDING_FRAMES embedding frames, spread evenly from the first epoch to the last. */
export function seriesFromHistory(
  maskMode: MaskMode,
  history: ZkcHistory,
  stopReason: StopReason,
  predictions: number[],
): ZkcSeries {
  const perNode = history.nodeCount * 2;
  const frames = Math.min(history.epochs, MAX_EMBEDDING_FRAMES);
  const frameEpochs = [
    ...new Set(
      Array.from({ length: frames }, (_, f) =>
        frames === 1 ? history.epochs - 1 : Math.round((f * (history.epochs - 1)) / (frames - 1)),
      ),
    ),
  ];
  return {
    maskMode,
    epochs: Array.from({ length: history.epochs }, (_, e) => e + 1),
    trainLoss: Array.from(history.trainLoss),
    testLoss: Array.from(history.testLoss),
    testAccuracy: Array.from(history.testAccuracy),
    embeddingEpochs: frameEpochs.map((e) => e + 1),
    embeddings: frameEpochs.map((e) => Array.from(history.embeddings.subarray(e * perNode, (e + 1) * perNode), round)),
    stopReason,
    predictions,
  };
}
