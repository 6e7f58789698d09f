// Q1's node classes are not the club attribute but modularity communities: greedy modularity
// (CNM, unweighted) splits the club into three; the largest is class 0 and the other two, merged,
// are class 1. They disagree with the club attribute at nodes 8 and 9 — which is why a 100 %
// accurate model can still look "wrong" when coloured by club.
import { karateClub } from './karate';
import type { UndirectedGraph } from '../../graph/graph';
import { greedyModularityCommunities, type GreedyModularityResult } from '../../graph/modularity';

/** The unweighted CNM communities of the club, largest first. */
export function zkcCommunities(graph: UndirectedGraph = karateClub): GreedyModularityResult {
  return greedyModularityCommunities(graph, { weighted: false });
}

/** Class of every node: 0 for the largest community, 1 for the rest merged (for the club: B ∪ C). */
export function zkcLabels(graph: UndirectedGraph = karateClub): number[] {
  const [largest] = zkcCommunities(graph).communities;
  const classOf = new Array<number>(graph.nodeCount).fill(1);
  for (const node of largest) classOf[node] = 0;
  return classOf;
}

/** Q1's held-out nodes (10); the other 24 are the training nodes. */
export const zkcTestNodes: readonly number[] = [0, 1, 3, 8, 15, 16, 20, 25, 28, 30];
