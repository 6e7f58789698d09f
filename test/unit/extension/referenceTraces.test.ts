import assert from 'node:assert/strict';
import { figure2ReferenceTrace } from '../../../src/core/problems/beam-search/figure2Trace';
import { detokenize, type Hypothesis } from '../../../src/core/problems/beam-search/trace';

// Expected values are the homework's answers to Q5 (the homework), not output of the code under test.
describe("Figure 2 reference trace (the beam tree panel's first trace)", () => {
  const trace = figure2ReferenceTrace();
  const words = (h: Hypothesis): [string, number] => [
    detokenize(h.tokens, trace.vocab),
    Math.round(h.score * 100) / 100,
  ];

  it('keeps the answers (a)–(c) at t = 1, 2, 3', () => {
    const kept = trace.steps.map((s) =>
      s.candidates
        .filter((c) => c.kept)
        .map(words)
        .sort((a, b) => b[1] - a[1]),
    );
    assert.deepEqual(kept, [
      [
        ['neural', -0.51],
        ['network', -0.92],
      ],
      [
        ['neural neural', -1.11],
        ['network neural', -1.21],
      ],
      [
        ['network neural neural', -1.57],
        ['neural neural neural', -1.62],
      ],
    ]);
    assert.deepEqual(trace.final.map(words)[0], ['network neural neural', -1.57]);
  });

  it('overlays the greedy path and the exhaustive optimum of answer (d)', () => {
    assert.deepEqual(words(trace.greedy!), ['neural neural neural', -1.62]);
    assert.deepEqual(words(trace.exhaustive!), ['neural network network', -1.36]);
  });

  it('lists every expanded candidate: 2, then 4, then 4 (k = 2 parents × 2 tokens)', () => {
    assert.deepEqual(
      trace.steps.map((s) => [s.t, s.candidates.length]),
      [
        [1, 2],
        [2, 4],
        [3, 4],
      ],
    );
    assert.deepEqual([trace.k, trace.T, trace.vocab], [2, 3, ['neural', 'network']]);
  });
});
