import assert from 'node:assert/strict';
import { createRng } from '../../../src/core/engine/rng';

describe('seeded RNG', () => {
  it('reproduces the same stream from the same seed, and another from another', () => {
    const a = createRng(42),
      b = createRng(42),
      c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    assert.deepEqual(
      xs,
      Array.from({ length: 5 }, () => b.next()),
    );
    assert.notDeepEqual(
      xs,
      Array.from({ length: 5 }, () => c.next()),
    );
  });

  it('draws uniforms in [0,1) with mean 1/2 and variance 1/12', () => {
    const rng = createRng(1);
    const n = 100_000;
    let s = 0,
      s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.next();
      assert.ok(x >= 0 && x < 1);
      s += x;
      s2 += x * x;
    }
    const mean = s / n;
    assert.ok(Math.abs(mean - 0.5) < 0.005, `mean ${mean}`);
    assert.ok(Math.abs(s2 / n - mean * mean - 1 / 12) < 0.002);
  });

  it('draws standard normals with mean 0, variance 1 and the right tail mass', () => {
    const rng = createRng(7);
    const n = 200_000;
    let s = 0,
      s2 = 0,
      beyond2 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      s += z;
      s2 += z * z;
      if (Math.abs(z) > 2) beyond2++;
    }
    assert.ok(Math.abs(s / n) < 0.01);
    assert.ok(Math.abs(s2 / n - 1) < 0.01);
    // P(|Z| > 2) = 0.0455
    assert.ok(Math.abs(beyond2 / n - 0.0455) < 0.002);
  });

  it('covers every integer of int(n) uniformly', () => {
    const rng = createRng(3);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[rng.int(6)]++;
    for (const c of counts) assert.ok(Math.abs(c - 10_000) < 400, `count ${c}`);
  });

  it('forks independent, reproducible child streams', () => {
    const f1 = createRng(5).fork(1),
      f1b = createRng(5).fork(1),
      f2 = createRng(5).fork(2);
    const a = Array.from({ length: 4 }, () => f1.next());
    assert.deepEqual(
      a,
      Array.from({ length: 4 }, () => f1b.next()),
    );
    assert.notDeepEqual(
      a,
      Array.from({ length: 4 }, () => f2.next()),
    );
  });
});
