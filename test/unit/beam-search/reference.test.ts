import assert from 'node:assert/strict';
import { beamSearch, runBeamSearch } from '../../../src/core/problems/beam-search/reference';
import { FIGURE2, figure2Step, treeStep } from '../../../src/core/problems/beam-search/figure2';
import { exhaustiveSearch, greedyDecode } from '../../../src/core/problems/beam-search/search';
import { randomTreeStep } from '../../../src/core/problems/beam-search/randomTree';
import { detokenize, type Hypothesis } from '../../../src/core/problems/beam-search/trace';

const words = (h: Hypothesis): string => detokenize(h.tokens, FIGURE2.vocab);
const near = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

describe('Q5 reference beam search on Figure 2 (the homework answers)', () => {
  const result = beamSearch(figure2Step, 2, 3);
  const kept = (t: number): [string, number][] =>
    result.trace[t - 1]!.candidates.filter((c) => c.kept)
      .sort((a, b) => b.score - a.score)
      .map((c) => [words(c), c.score]);

  it('(a) t = 1 keeps {neural −0.51, network −0.92}', () => {
    assert.deepEqual(
      kept(1).map(([w]) => w),
      ['neural', 'network'],
    );
    assert.ok(near(kept(1)[0]![1], -0.51) && near(kept(1)[1]![1], -0.92));
  });

  it('(b) t = 2 keeps {neural neural −1.11, network neural −1.21}', () => {
    assert.deepEqual(
      kept(2).map(([w]) => w),
      ['neural neural', 'network neural'],
    );
    assert.ok(near(kept(2)[0]![1], -1.11) && near(kept(2)[1]![1], -1.21));
  });

  it('(c) t = 3 keeps {network neural neural −1.57, neural neural neural −1.62} and returns the first', () => {
    assert.deepEqual(
      kept(3).map(([w]) => w),
      ['network neural neural', 'neural neural neural'],
    );
    assert.ok(near(kept(3)[0]![1], -1.57) && near(kept(3)[1]![1], -1.62));
    assert.equal(words(result.beams[0]!), 'network neural neural');
    assert.deepEqual(result.beams.map(words), ['network neural neural', 'neural neural neural']);
  });

  it('(d) exhaustive best is "neural network network" (−1.36), pruned at t = 2 (third, −1.31); greedy gives "neural neural neural" (−1.62)', () => {
    const best = exhaustiveSearch(figure2Step, 3)[0]!;
    assert.equal(words(best), 'neural network network');
    assert.ok(near(best.score, -1.36));
    const t2 = result.trace[1]!.candidates.slice().sort((a, b) => b.score - a.score);
    assert.equal(words(t2[2]!), 'neural network');
    assert.ok(near(t2[2]!.score, -1.31) && !t2[2]!.kept);
    const greedy = greedyDecode(figure2Step, 3);
    assert.equal(words(greedy), 'neural neural neural');
    assert.ok(near(greedy.score, -1.62));
  });

  it('records every candidate of every step: 2, 4, 4 with exactly k kept', () => {
    assert.deepEqual(
      result.trace.map((s) => s.t),
      [1, 2, 3],
    );
    assert.deepEqual(
      result.trace.map((s) => s.candidates.length),
      [2, 4, 4],
    );
    assert.deepEqual(
      result.trace.map((s) => s.candidates.filter((c) => c.kept).length),
      [2, 2, 2],
    );
  });

  it('follows the tree data: replacing values changes the answer', () => {
    // swap p(· | neural): "neural network" (−1.11) now survives t = 2 and "neural network network" wins
    const changed = { ...FIGURE2, logProbs: { ...FIGURE2.logProbs, neural: [-0.8, -0.6] } };
    const beams = beamSearch(treeStep(changed), 2, 3).beams;
    assert.equal(detokenize(beams[0]!.tokens, FIGURE2.vocab), 'neural network network');
    assert.ok(near(beams[0]!.score, -0.51 - 0.6 - 0.05));
  });
});

describe('Q5 reference beam search on random trees', () => {
  it('equals exhaustive search (all sequences, best first) when k = M^T', () => {
    for (const [M, T] of [
      [2, 3],
      [3, 3],
      [4, 2],
      [2, 5],
      [5, 3],
    ] as const) {
      for (let seed = 0; seed < 5; seed++) {
        const step = randomTreeStep({ seed: 100 * M + 10 * T + seed, M });
        const all = exhaustiveSearch(step, T);
        const beams = beamSearch(step, M ** T, T).beams;
        assert.deepEqual(
          beams.map((b) => b.tokens),
          all.map((h) => h.tokens),
          `M = ${M}, T = ${T}, seed ${seed}`,
        );
        beams.forEach((b, i) => assert.ok(near(b.score, all[i]!.score)));
      }
    }
  });

  it('k = 1 is greedy decoding', () => {
    for (let seed = 0; seed < 20; seed++) {
      const step = randomTreeStep({ seed, M: 4 });
      assert.deepEqual(beamSearch(step, 1, 5).beams[0]!.tokens, greedyDecode(step, 5).tokens);
    }
  });

  it("breaks ties by the lexicographically smaller sequence, whatever the parents' order", () => {
    const flat = () => [Math.log(0.5), Math.log(0.5)];
    const result = beamSearch(flat, 3, 3);
    assert.deepEqual(
      result.beams.map((b) => b.tokens),
      [
        [0, 0, 0],
        [0, 0, 1],
        [0, 1, 0],
      ],
    );
    assert.deepEqual(
      beamSearch(flat, 2, 2).beams.map((b) => b.tokens),
      [
        [0, 0],
        [0, 1],
      ],
    );
  });

  it('gives the same beams with and without recording the trace', () => {
    const step = randomTreeStep({ seed: 9, M: 6 });
    const a = runBeamSearch(step, 4, 6, { recordTrace: true });
    const b = runBeamSearch(step, 4, 6, { recordTrace: false });
    assert.deepEqual(a.beams, b.beams);
    assert.equal(b.trace.length, 0);
  });

  it('rejects a beam width or length that is not a usable integer', () => {
    assert.throws(() => beamSearch(figure2Step, 0, 3), RangeError);
    assert.throws(() => beamSearch(figure2Step, 1.5, 3), RangeError);
    assert.throws(() => beamSearch(figure2Step, 2, -1), RangeError);
  });

  it('asking the Figure 2 tree beyond its depth is a clear error', () => {
    assert.throws(() => beamSearch(figure2Step, 2, 4), /no log-probabilities after \[.*\].*up to 3 tokens/);
  });
});
