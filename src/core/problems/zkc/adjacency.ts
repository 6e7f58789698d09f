// Q1 steps 1–2: the GCN's propagation matrix. Adding self-loops (Ã = A + I) lets a node keep its
// own features; the symmetric normalisation Â = D̃^{-1/2} Ã D̃^{-1/2} (D̃ = row sums of Ã) keeps
// repeated propagation from blowing up or vanishing (Â's largest eigenvalue is 1).
// Matrices are n×n, row-major Float64Array.
import { adjacencyMatrix, type UndirectedGraph } from '../../graph/graph';

/** Ã = A + I. */
export function addSelfLoops(a: Float64Array, n: number): Float64Array {
  checkSquare(a, n);
  const aTilde = Float64Array.from(a);
  for (let i = 0; i < n; i++) aTilde[i * n + i] += 1;
  return aTilde;
}

/** Â = D̃^{-1/2} Ã D̃^{-1/2}, i.e. Â[i,j] = Ã[i,j] / √(D̃[i]·D̃[j]). Every row of Ã needs a positive sum. */
export function normalizeSymmetric(aTilde: Float64Array, n: number): Float64Array {
  checkSquare(aTilde, n);
  const invSqrtDegree = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let degree = 0;
    for (let j = 0; j < n; j++) degree += aTilde[i * n + j];
    if (!(degree > 0))
      throw new Error(`node ${i} has degree ${degree}: Â needs positive degrees (add self-loops first)`);
    invSqrtDegree[i] = 1 / Math.sqrt(degree);
  }
  const aHat = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    // Multiply the two scales first so that Â[i,j] and Â[j,i] round identically: Â is exactly symmetric.
    for (let j = 0; j < n; j++) aHat[i * n + j] = aTilde[i * n + j] * (invSqrtDegree[i] * invSqrtDegree[j]);
  }
  return aHat;
}

export interface GcnAdjacency {
  n: number;
  /** A: the edge weights, or 0/1. */
  a: Float64Array;
  /** Ã = A + I. */
  aTilde: Float64Array;
  /** Â = D̃^{-1/2} Ã D̃^{-1/2}. */
  aHat: Float64Array;
}

/** A, Ã and Â of a graph; `weighted: false` uses its 0/1 matrix. */
export function gcnAdjacency(graph: UndirectedGraph, options: { weighted: boolean }): GcnAdjacency {
  const n = graph.nodeCount;
  const a = adjacencyMatrix(graph, options);
  const aTilde = addSelfLoops(a, n);
  return { n, a, aTilde, aHat: normalizeSymmetric(aTilde, n) };
}

function checkSquare(m: Float64Array, n: number): void {
  if (m.length !== n * n) throw new Error(`expected an ${n}×${n} matrix (${n * n} entries), got ${m.length} entries`);
}
