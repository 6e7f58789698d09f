import assert from 'node:assert/strict';
import { enumeratePrefixes, exhaustiveSearch, greedyDecode } from '../../../src/core/problems/beam-search/search';
import { beamKeptSets } from '../../../src/core/problems/beam-search/keptSets';
import { randomTreeStep } from '../../../src/core/problems/beam-search/randomTree';
import { figure2Step } from '../../../src/core/problems/beam-search/figure2';

describe('Q5 ground truth (search.ts)', () => {
  it('enumerates M^t prefixes per level whose probabilities sum to 1', () => {
    const levels = enumeratePrefixes(randomTreeStep({ seed: 3, M: 3 }), 4);
    assert.deepEqual(
      levels.map((l) => l.length),
      [1, 3, 9, 27, 81],
    );
    for (const level of levels) {
      const total = level.reduce((s, h) => s + Math.exp(h.score), 0);
      assert.ok(Math.abs(total - 1) < 1e-9, `total probability ${total}`);
    }
  });

  it('exhaustive search is sorted best first and refuses trees that are too large', () => {
    const all = exhaustiveSearch(figure2Step, 3);
    assert.equal(all.length, 8);
    for (let i = 1; i < all.length; i++) assert.ok(all[i - 1]!.score >= all[i]!.score);
    assert.throws(() => exhaustiveSearch(randomTreeStep({ seed: 1, M: 10 }), 6, 1e3), /too large/);
  });

  it('greedy picks the arg-max at every step', () => {
    assert.deepEqual(greedyDecode(figure2Step, 3).tokens, [0, 0, 0]);
  });

  it("the beam kept sets on Figure 2 are the homework's", () => {
    const kept = beamKeptSets(figure2Step, 2, 3);
    assert.deepEqual(
      kept.map((level) => level.map((h) => h.tokens.join(''))),
      [
        ['0', '1'],
        ['00', '10'],
        ['100', '000'],
      ],
    );
  });

  it('random trees do not depend on the order prefixes are asked in', () => {
    const a = randomTreeStep({ seed: 42, M: 5 });
    const b = randomTreeStep({ seed: 42, M: 5 });
    const later = Array.from(a([1, 2]));
    b([0]);
    b([3, 3, 3]);
    assert.deepEqual(Array.from(b([1, 2])), later);
    assert.notDeepEqual(Array.from(a([2, 1])), later);
    assert.notDeepEqual(Array.from(randomTreeStep({ seed: 43, M: 5 })([1, 2])), later);
  });
});
