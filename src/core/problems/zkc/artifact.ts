// What a ZKC run hands to the panel and the report: the graph, and for each mask mode its training
// series and the 2-D embeddings as the animation's frames. Plain arrays: it crosses worker/webview
// boundaries as JSON, so embeddings are sampled (≤ MAX_EMBEDDING_FRAMES frames), losses are not.

export type MaskMode = 'all-nodes' | 'train-only';

export const MAX_EMBEDDING_FRAMES = 400;

export interface ZkcGraphData {
  nodeCount: number;
  /** [u, v, weight] with u < v. */
  edges: [number, number, number][];
  /** 'Mr. Hi' | 'Officer' per node. */
  clubs: string[];
  /** The two-class training labels (0 = community A, 1 = B ∪ C). */
  labels: number[];
  /** The three greedy-modularity communities and their modularity. */
  communities: number[][];
  modularity: number;
  testNodes: number[];
}

export interface ZkcSeries {
  maskMode: MaskMode;
  /** Epoch numbers (1-based) of the entries below. */
  epochs: number[];
  trainLoss: number[];
  testLoss: number[];
  testAccuracy: number[];
  /** Embedding frames: `embeddingEpochs[f]` is the epoch of frame f; `embeddings[f]` = [x0, y0, x1, y1, …]. */
  embeddingEpochs: number[];
  embeddings: number[][];
  stopReason: 'early-stopping' | 'max-epochs';
  /** Final predicted class per node. */
  predictions: number[];
}

export interface ZkcGradCheckRow {
  parameter: string;
  relativeError: number;
  /** Pass threshold used for this row. */
  tolerance: number;
  ok: boolean;
}

export type ZkcRunArtifact = {
  kind: 'zkc-run';
  title: string;
  graph: ZkcGraphData;
  series: ZkcSeries[];
  /** Empty from the child (it never compares with the float64 ground truth); the judge's `zkc-gradcheck` rows fill it. */
  gradCheck: ZkcGradCheckRow[];
};

/**
 * The gradient check, made by the judge (checks.ts) once it has compared the student's backward with
 * the float64 ground truth: per parameter, the float32 backward vs float64 and the float64 central
 * differences. Judge-made, so it never crosses the child boundary (a child that sends one is stopped:
 * no schema accepts the kind). The panel and the report show its rows as the run's gradient check.
 */
export type ZkcGradCheckArtifact = {
  kind: 'zkc-gradcheck';
  rows: ZkcGradCheckRow[];
};
