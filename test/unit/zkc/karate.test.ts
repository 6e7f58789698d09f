import assert from 'node:assert/strict';
import { karateClub, karateClubs } from '../../../src/core/problems/zkc/karate';
import { adjacencyMatrix, nodeDegrees } from '../../../src/core/graph/graph';

// NetworkX ≥ 2.7, networkx/generators/social.py, karate_club_graph(): the matrix verbatim.
const networkxMatrix = `
0 4 5 3 3 3 3 2 2 0 2 3 2 3 0 0 0 2 0 2 0 2 0 0 0 0 0 0 0 0 0 2 0 0
4 0 6 3 0 0 0 4 0 0 0 0 0 5 0 0 0 1 0 2 0 2 0 0 0 0 0 0 0 0 2 0 0 0
5 6 0 3 0 0 0 4 5 1 0 0 0 3 0 0 0 0 0 0 0 0 0 0 0 0 0 2 2 0 0 0 3 0
3 3 3 0 0 0 0 3 0 0 0 0 3 3 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
3 0 0 0 0 0 2 0 0 0 3 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
3 0 0 0 0 0 5 0 0 0 3 0 0 0 0 0 3 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
3 0 0 0 2 5 0 0 0 0 0 0 0 0 0 0 3 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
2 4 4 3 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
2 0 5 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 3 0 4 3
0 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 2
2 0 0 0 3 3 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
3 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
1 0 0 3 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
3 5 3 3 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 3
0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 3 2
0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 3 4
0 0 0 0 0 3 3 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
2 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 2
2 2 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1
0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 3 1
2 2 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 2 0
0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 5 0 4 0 2 0 0 5 4
0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 2 0 3 0 0 0 2 0 0
0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 5 2 0 0 0 0 0 0 7 0 0
0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 4 0 0 0 2
0 0 2 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 4 3 0 0 0 0 0 0 0 0 4
0 0 2 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 2 0 2
0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 3 0 0 4 0 0 0 0 0 3 2
0 2 0 0 0 0 0 0 3 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 3 3
2 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 2 7 0 0 2 0 0 0 4 4
0 0 2 0 0 0 0 0 3 0 0 0 0 0 3 3 0 0 1 0 3 0 2 5 0 0 0 0 0 4 3 4 0 5
0 0 0 0 0 0 0 0 4 2 0 0 0 3 2 4 0 0 2 1 1 0 3 4 0 0 2 4 2 2 3 4 5 0
`;

/** NetworkX's construction: add_edge(row, col, weight) for every entry ≥ 1, the later row winning. */
function networkxEdges(): Map<string, number> {
  const edges = new Map<string, number>();
  networkxMatrix
    .trim()
    .split('\n')
    .forEach((line, row) =>
      line
        .trim()
        .split(/\s+/)
        .map(Number)
        .forEach((entry, col) => {
          if (entry >= 1) edges.set(`${Math.min(row, col)},${Math.max(row, col)}`, entry);
        }),
    );
  return edges;
}

// the homework, Q1: the edge list (0-indexed).
const homeworkEdges = `(0,1) (0,2) (0,3) (0,4) (0,5) (0,6) (0,7) (0,8) (0,10) (0,11) (0,12) (0,13) (0,17) (0,19) (0,21)
(0,31) (1,2) (1,3) (1,7) (1,13) (1,17) (1,19) (1,21) (1,30) (2,3) (2,7) (2,8) (2,9) (2,13) (2,27)
(2,28) (2,32) (3,7) (3,12) (3,13) (4,6) (4,10) (5,6) (5,10) (5,16) (6,16) (8,30) (8,32) (8,33)
(9,33) (13,33) (14,32) (14,33) (15,32) (15,33) (18,32) (18,33) (19,33) (20,32) (20,33) (22,32)
(22,33) (23,25) (23,27) (23,29) (23,32) (23,33) (24,25) (24,27) (24,31) (25,31) (26,29) (26,33)
(27,33) (28,31) (28,33) (29,32) (29,33) (30,32) (30,33) (31,32) (31,33) (32,33)`;

const weightOf = (u: number, v: number): number | undefined =>
  karateClub.edges.find(([a, b]) => (a === u && b === v) || (a === v && b === u))?.[2];

describe("Zachary's karate club data", () => {
  it('has 34 nodes and 78 edges, each pair once with u < v and no self-loops', () => {
    assert.equal(karateClub.nodeCount, 34);
    assert.equal(karateClub.edges.length, 78);
    const keys = new Set(karateClub.edges.map(([u, v]) => `${u},${v}`));
    assert.equal(keys.size, 78);
    for (const [u, v, w] of karateClub.edges) {
      assert.ok(u >= 0 && u < v && v < 34, `edge ${u},${v}`);
      assert.ok(Number.isInteger(w) && w >= 1, `weight ${w}`);
    }
  });

  it("is exactly the homework's edge list", () => {
    const expected = [...homeworkEdges.matchAll(/\((\d+),(\d+)\)/g)].map((m) => `${m[1]},${m[2]}`);
    assert.equal(expected.length, 78);
    assert.deepEqual(karateClub.edges.map(([u, v]) => `${u},${v}`).sort(), expected.sort());
  });

  it("carries exactly the weights of NetworkX's karate_club_graph()", () => {
    const expected = networkxEdges();
    assert.equal(expected.size, 78);
    for (const [u, v, w] of karateClub.edges) assert.equal(w, expected.get(`${u},${v}`), `w(${u},${v})`);
  });

  it('weights sum to 231 over the edges and to 462 over the symmetric matrix; w(0,1)=4, w(0,2)=5', () => {
    assert.equal(
      karateClub.edges.reduce((s, [, , w]) => s + w, 0),
      231,
    );
    assert.equal(
      adjacencyMatrix(karateClub, { weighted: true }).reduce((s, x) => s + x, 0),
      462,
    );
    assert.equal(
      adjacencyMatrix(karateClub, { weighted: false }).reduce((s, x) => s + x, 0),
      156,
    );
    assert.equal(weightOf(0, 1), 4);
    assert.equal(weightOf(0, 2), 5);
  });

  it('node 0 has degree 16 and weighted degree 42 (43 with its self-loop)', () => {
    assert.equal(nodeDegrees(karateClub, { weighted: false })[0], 16);
    assert.equal(nodeDegrees(karateClub, { weighted: true })[0], 42);
    assert.equal(nodeDegrees(karateClub, { weighted: true })[1], 29);
  });

  it('splits the members 17/17 between Mr. Hi and the Officer', () => {
    assert.equal(karateClubs.length, 34);
    const mrHi = karateClubs.flatMap((club, node) => (club === 'Mr. Hi' ? [node] : []));
    assert.deepEqual(mrHi, [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 16, 17, 19, 21]);
    assert.equal(karateClubs.filter((club) => club === 'Officer').length, 17);
  });
});
