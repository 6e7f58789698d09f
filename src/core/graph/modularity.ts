// Newman's modularity of a partition, and the Clauset–Newman–Moore greedy maximisation of it
// (Clauset, Newman & Moore, "Finding community structure in very large networks", Phys. Rev. E 70,
// 066111, 2004) — the algorithm behind NetworkX's greedy_modularity_communities, which Q1 uses to
// label the karate club.
import { nodeDegrees, type UndirectedGraph } from './graph';

export interface ModularityOptions {
  /** Use edge weights (true) or count every edge as 1 (false). */
  weighted: boolean;
}

/**
 * Q = Σ_c [ W_c / m − (D_c / 2m)² ]: W_c is the weight of the edges inside community c, D_c the
 * summed degrees of its nodes, m the total edge weight. `communities` must partition the nodes.
 */
export function modularity(
  graph: UndirectedGraph,
  communities: readonly (readonly number[])[],
  options: ModularityOptions,
): number {
  const community = communityOfNode(graph.nodeCount, communities);
  const degrees = nodeDegrees(graph, options);
  const m = degrees.reduce((s, d) => s + d, 0) / 2;
  if (m === 0) throw new Error('modularity is undefined for a graph without edges');
  const inside = new Float64Array(communities.length);
  const degreeSum = new Float64Array(communities.length);
  for (const [u, v, w] of graph.edges)
    if (community[u] === community[v]) inside[community[u]] += options.weighted ? w : 1;
  for (let node = 0; node < graph.nodeCount; node++) degreeSum[community[node]] += degrees[node];
  let q = 0;
  for (let c = 0; c < communities.length; c++) q += inside[c] / m - (degreeSum[c] / (2 * m)) ** 2;
  return q;
}

function communityOfNode(nodeCount: number, communities: readonly (readonly number[])[]): Int32Array {
  const community = new Int32Array(nodeCount).fill(-1);
  communities.forEach((members, c) => {
    for (const node of members) {
      if (!(node >= 0 && node < nodeCount) || community[node] !== -1) {
        throw new Error(
          `communities must partition nodes 0…${nodeCount - 1}: node ${node} is out of range or repeated`,
        );
      }
      community[node] = c;
    }
  });
  const missing = community.indexOf(-1);
  if (missing !== -1)
    throw new Error(`communities must partition nodes 0…${nodeCount - 1}: node ${missing} is in none`);
  return community;
}

export interface Merge {
  /** A community keeps the id of the node it started from; `from` joins `into`. */
  from: number;
  into: number;
  deltaQ: number;
}

export interface GreedyModularityResult {
  /** Largest first (equal sizes: smallest member first); members ascending. */
  communities: number[][];
  /** Modularity of `communities`, recomputed from scratch. */
  modularity: number;
  /** The merges in the order made. */
  merges: Merge[];
}

/**
 * Clauset–Newman–Moore: start with every node alone, repeatedly merge the two connected
 * communities whose merge raises Q the most, stop when no merge raises it (best ΔQ ≤ 0).
 * ΔQ is kept per pair and updated as NetworkX does (CNM eq. 10), so floating-point ties resolve
 * as there. Ties: the pair whose smaller id is smallest, then whose larger id is smallest; the
 * smaller id merges into the larger (NetworkX's heap order on (−ΔQ, i, j)). Each merge scans every
 * connected pair (O(n·m) in all): fine for graphs of a few hundred nodes.
 */
export function greedyModularityCommunities(
  graph: UndirectedGraph,
  options: ModularityOptions,
): GreedyModularityResult {
  const n = graph.nodeCount;
  const degrees = nodeDegrees(graph, options);
  const q0 = 1 / degrees.reduce((s, d) => s + d, 0); // 1 / 2m
  if (!Number.isFinite(q0)) throw new Error('modularity is undefined for a graph without edges');
  // a[i]: fraction of edge ends in community i. dq[i][j]: ΔQ of merging i and j, for connected pairs.
  const a = Array.from(degrees, (d) => d * q0);
  const dq: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (const [u, v, w] of graph.edges) {
    const value = 2 * (options.weighted ? w : 1) * q0 - 2 * degrees[u] * degrees[v] * q0 * q0;
    dq[u].set(v, value);
    dq[v].set(u, value);
  }
  const members: (number[] | undefined)[] = Array.from({ length: n }, (_, i) => [i]);
  const merges: Merge[] = [];
  for (;;) {
    let best: { i: number; j: number; value: number } | undefined;
    for (let i = 0; i < n; i++) {
      for (const [j, value] of dq[i]) {
        if (j <= i) continue;
        if (!best || value > best.value || (value === best.value && (i < best.i || (i === best.i && j < best.j)))) {
          best = { i, j, value };
        }
      }
    }
    if (!best || best.value <= 0) break;
    const { i, j } = best;
    for (const k of new Set([...dq[i].keys(), ...dq[j].keys()])) {
      if (k === i || k === j) continue;
      const ik = dq[i].get(k);
      const jk = dq[j].get(k);
      const merged =
        ik !== undefined && jk !== undefined
          ? jk + ik
          : jk !== undefined
            ? jk - 2 * a[i] * a[k]
            : ik! - 2 * a[j] * a[k];
      dq[j].set(k, merged);
      dq[k].set(j, merged);
    }
    for (const k of dq[i].keys()) dq[k].delete(i);
    dq[i].clear();
    a[j] += a[i];
    a[i] = 0;
    members[j]!.push(...members[i]!);
    members[i] = undefined;
    merges.push({ from: i, into: j, deltaQ: best.value });
  }
  const communities = members
    .filter((c): c is number[] => c !== undefined)
    .map((c) => c.sort((x, y) => x - y))
    .sort((x, y) => y.length - x.length || x[0] - y[0]);
  return { communities, modularity: modularity(graph, communities, options), merges };
}
