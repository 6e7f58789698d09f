import assert from 'node:assert/strict';
import { shuffledSplit } from '../../../src/core/data/splits';
import { createRng } from '../../../src/core/engine/rng';

describe('shuffledSplit', () => {
  it('cuts one seeded permutation into disjoint parts of the given sizes (MNIST 10k: 8 000 / 2 000)', () => {
    const [train, val] = shuffledSplit(10_000, [8_000, 2_000], createRng(1));
    assert.equal(train.length, 8_000);
    assert.equal(val.length, 2_000);
    const seen = new Uint8Array(10_000);
    for (const i of [...train, ...val]) seen[i]++;
    assert.ok(
      seen.every((c) => c === 1),
      'every index exactly once',
    );
    // Shuffled, not a prefix: the embedded digits are grouped by class.
    assert.ok(val.some((i) => i < 8_000));
    assert.ok(!train.every((v, j) => j === 0 || v > train[j - 1]), 'train is not in order');
  });

  it('is reproducible from the seed and differs across seeds', () => {
    const a = shuffledSplit(1000, [700, 300], createRng(5));
    const b = shuffledSplit(1000, [700, 300], createRng(5));
    const c = shuffledSplit(1000, [700, 300], createRng(6));
    assert.deepEqual(a, b);
    assert.notDeepEqual(a[0], c[0]);
  });

  it('may leave items out but never asks for more than n', () => {
    const [part] = shuffledSplit(100, [10], createRng(2));
    assert.equal(part.length, 10);
    assert.equal(new Set(part).size, 10);
    assert.throws(() => shuffledSplit(100, [60, 50], createRng(2)), /sum to 110, more than the 100 items/);
    assert.throws(() => shuffledSplit(100, [-1], createRng(2)), RangeError);
  });

  it('draws every ordering position uniformly (first element of the permutation)', () => {
    const rng = createRng(9);
    const counts = new Array<number>(5).fill(0);
    for (let t = 0; t < 20_000; t++) counts[shuffledSplit(5, [1], rng)[0][0]]++;
    for (const c of counts) assert.ok(Math.abs(c - 4000) < 250, `counts ${counts}`);
  });
});
