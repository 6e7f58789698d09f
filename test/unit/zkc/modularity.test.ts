import assert from 'node:assert/strict';
import { karateClub, karateClubs } from '../../../src/core/problems/zkc/karate';
import type { UndirectedGraph } from '../../../src/core/graph/graph';
import { greedyModularityCommunities, modularity } from '../../../src/core/graph/modularity';
import { zkcCommunities, zkcLabels } from '../../../src/core/problems/zkc/labels';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

// Two triangles {0,1,2} and {3,4,5} joined by the edge 2–3: m = 7, each side has 3 inside edges
// and degree sum 7, so Q = 2·(3/7 − (7/14)²) = 6/7 − 1/2 = 5/14.
const twoTriangles: UndirectedGraph = {
  nodeCount: 6,
  edges: [
    [0, 1, 1],
    [0, 2, 1],
    [1, 2, 1],
    [3, 4, 1],
    [3, 5, 1],
    [4, 5, 1],
    [2, 3, 1],
  ],
};

describe('modularity', () => {
  it('of two triangles split at their bridge is 5/14 (by hand)', () => {
    assert.ok(
      Math.abs(
        modularity(
          twoTriangles,
          [
            [0, 1, 2],
            [3, 4, 5],
          ],
          { weighted: false },
        ) -
          5 / 14,
      ) < 1e-15,
    );
  });

  it('uses the weights when asked: bridge weight 4 gives 2·(3/10 − (10/20)²) = 1/10', () => {
    const heavyBridge: UndirectedGraph = {
      nodeCount: 6,
      edges: twoTriangles.edges.map(([u, v, w]) => [u, v, u === 2 && v === 3 ? 4 : w] as const),
    };
    assert.ok(
      Math.abs(
        modularity(
          heavyBridge,
          [
            [0, 1, 2],
            [3, 4, 5],
          ],
          { weighted: true },
        ) - 0.1,
      ) < 1e-15,
    );
    assert.ok(
      Math.abs(
        modularity(
          heavyBridge,
          [
            [0, 1, 2],
            [3, 4, 5],
          ],
          { weighted: false },
        ) -
          5 / 14,
      ) < 1e-15,
    );
  });

  it('of the whole graph as one community is 0, weighted or not', () => {
    for (const weighted of [false, true]) {
      assert.ok(Math.abs(modularity(karateClub, [range(34)], { weighted })) < 1e-15);
    }
  });

  it('rejects a list that does not partition the nodes', () => {
    assert.throws(
      () =>
        modularity(
          twoTriangles,
          [
            [0, 1, 2],
            [3, 4],
          ],
          { weighted: false },
        ),
      /node 5 is in none/,
    );
    assert.throws(
      () =>
        modularity(
          twoTriangles,
          [
            [0, 1, 2],
            [2, 3, 4, 5],
          ],
          { weighted: false },
        ),
      /repeated/,
    );
  });
});

describe('greedy modularity (Clauset–Newman–Moore)', () => {
  it('finds the two triangles', () => {
    const result = greedyModularityCommunities(twoTriangles, { weighted: false });
    assert.deepEqual(result.communities, [
      [0, 1, 2],
      [3, 4, 5],
    ]);
    assert.ok(Math.abs(result.modularity - 5 / 14) < 1e-15);
  });

  it('breaks ties by the smallest ids and merges the smaller id into the larger', () => {
    // Path 0–1–2–3: ΔQ(0,1) = ΔQ(2,3) = 2/9 > ΔQ(1,2) = 1/9; the tie goes to (0,1).
    const path: UndirectedGraph = {
      nodeCount: 4,
      edges: [
        [0, 1, 1],
        [1, 2, 1],
        [2, 3, 1],
      ],
    };
    const result = greedyModularityCommunities(path, { weighted: false });
    assert.deepEqual(
      result.merges.map(({ from, into }) => [from, into]),
      [
        [0, 1],
        [2, 3],
      ],
    );
    assert.ok(Math.abs(result.merges[0].deltaQ - 2 / 9) < 1e-15);
    assert.deepEqual(result.communities, [
      [0, 1],
      [2, 3],
    ]);
  });

  it("reproduces NetworkX's three karate communities, Q ≈ 0.3807", () => {
    const result = greedyModularityCommunities(karateClub, { weighted: false });
    assert.deepEqual(result.communities, [
      [8, 14, 15, 18, 20, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33],
      [1, 2, 3, 7, 9, 12, 13, 17, 21],
      [0, 4, 5, 6, 10, 11, 16, 19],
    ]);
    assert.ok(Math.abs(result.modularity - 0.3807) < 1e-4, `Q = ${result.modularity}`);
  });

  it('gains exactly the Q it reports: singletons’ Q plus every merge’s ΔQ, each positive', () => {
    const result = greedyModularityCommunities(karateClub, { weighted: false });
    const q0 = modularity(
      karateClub,
      range(34).map((i) => [i]),
      { weighted: false },
    );
    assert.equal(result.merges.length, 34 - 3);
    assert.ok(result.merges.every((m) => m.deltaQ > 0));
    const total = result.merges.reduce((s, m) => s + m.deltaQ, q0);
    assert.ok(Math.abs(total - result.modularity) < 1e-12, `${total} vs ${result.modularity}`);
  });

  it('stops at a local optimum: no merge of two final communities raises Q', () => {
    const { communities, modularity: q } = greedyModularityCommunities(karateClub, { weighted: false });
    for (let i = 0; i < communities.length; i++) {
      for (let j = i + 1; j < communities.length; j++) {
        const merged = communities
          .filter((_, k) => k !== i && k !== j)
          .concat([[...communities[i], ...communities[j]]]);
        assert.ok(modularity(karateClub, merged, { weighted: false }) < q);
      }
    }
  });
});

describe('Q1 labels', () => {
  it('are class 0 = the largest community, class 1 = the other two', () => {
    const labels = zkcLabels();
    const [a, b, c] = zkcCommunities().communities;
    assert.equal(labels.length, 34);
    assert.deepEqual(
      range(34).filter((n) => labels[n] === 0),
      a,
    );
    assert.deepEqual(
      range(34).filter((n) => labels[n] === 1),
      [...b, ...c].sort((x, y) => x - y),
    );
  });

  it('disagree with the club attribute at exactly nodes 8 and 9', () => {
    const labels = zkcLabels();
    const disagree = range(34).filter((n) => (labels[n] === 1) !== (karateClubs[n] === 'Mr. Hi'));
    assert.deepEqual(disagree, [8, 9]);
  });
});
