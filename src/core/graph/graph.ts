// An undirected graph on nodes 0…n−1 as a list of weighted edges (each unordered pair once, no
// self-loops): the form data files ship in, turned into dense matrices where the math wants them.

/** One undirected edge u–v (u < v) with its weight. */
export type WeightedEdge = readonly [u: number, v: number, weight: number];

export interface UndirectedGraph {
  readonly nodeCount: number;
  readonly edges: readonly WeightedEdge[];
}

/**
 * The symmetric n×n adjacency matrix, row-major. `weighted: false` puts 1 on every edge
 * (the 0/1 matrix); the diagonal stays 0.
 */
export function adjacencyMatrix(graph: UndirectedGraph, options: { weighted: boolean }): Float64Array {
  const n = graph.nodeCount;
  const a = new Float64Array(n * n);
  for (const [u, v, w] of graph.edges) {
    const value = options.weighted ? w : 1;
    a[u * n + v] = value;
    a[v * n + u] = value;
  }
  return a;
}

/** Sum of edge weights at each node (its degree when `weighted` is false). */
export function nodeDegrees(graph: UndirectedGraph, options: { weighted: boolean }): Float64Array {
  const degrees = new Float64Array(graph.nodeCount);
  for (const [u, v, w] of graph.edges) {
    const value = options.weighted ? w : 1;
    degrees[u] += value;
    degrees[v] += value;
  }
  return degrees;
}
