import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { createGruWeights, disposeGruWeights, gruStep, timeBeamDecoding } from '../../../src/core/problems/beam-search/bench';
import { beamSearch, runBeamSearch } from '../../../src/core/problems/beam-search/reference';
import type { StepFn } from '../../../src/core/helpers';

describe('Q5 beam-decoding benchmark (GRU decoder)', function () {
  this.timeout(60_000);
  before(() => useTfBackend());

  it('scores a batch of prefixes exactly as one prefix at a time, from a normalised distribution', () => {
    const w = createGruWeights(50, 8, 16, 1);
    try {
      const batched = gruStep(w);
      const single = gruStep(w);
      const prefixes = [[], [3], [3, 7], [9, 1, 4]];
      const rows = batched.batch(prefixes);
      prefixes.forEach((p, i) => {
        const one = Array.from(single(p));
        Array.from(rows[i]!).forEach((x, v) => assert.ok(Math.abs(x - one[v]!) < 1e-5, `prefix [${p}] token ${v}`));
        assert.ok(Math.abs(one.reduce((s, x) => s + Math.exp(x), 0) - 1) < 1e-4);
      });
      // a different history gives a different distribution (the hidden state carries it)
      assert.notDeepEqual(Array.from(single([1, 7])), Array.from(single([3, 7])));
    } finally {
      disposeGruWeights(w);
    }
  });

  it('the batched step drives the reference to the same beams as the per-prefix step', () => {
    const w = createGruWeights(30, 8, 16, 2);
    try {
      const batched = runBeamSearch(gruStep(w), 4, 8, { recordTrace: false });
      const plain = gruStep(w);
      const perPrefix: StepFn = (p) => plain(p); // hides .batch
      const unbatched = beamSearch(perPrefix, 4, 8);
      assert.deepEqual(batched.beams.map((b) => b.tokens), unbatched.beams.map((b) => b.tokens));
      batched.beams.forEach((b, i) => assert.ok(Math.abs(b.score - unbatched.beams[i]!.score) < 1e-4));
    } finally {
      disposeGruWeights(w);
    }
  });

  it('times a decode and leaves no tensor behind', async () => {
    const start = tf.memory().numTensors;
    const { msPerSentence } = await timeBeamDecoding({ k: 4, T: 10, vocabSize: 200, repeats: 2 });
    assert.ok(msPerSentence > 0 && msPerSentence < 5000, `${msPerSentence} ms`);
    assert.equal(tf.memory().numTensors, start);
  });
});
