import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import {
  createGruWeights,
  disposeGruWeights,
  gruStep,
  timeBeamDecoding,
} from '../../../src/core/problems/beam-search/bench';
import { beamSearch, runBeamSearch } from '../../../src/core/problems/beam-search/reference';
import type { StepFn } from '../../../src/core/problems/beam-search/stepFn';

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

  it('is a GRU: matches a plain tfjs GRU (PyTorch gate layout) run along the prefix', () => {
    const w = createGruWeights(40, 8, 16, 3);
    try {
      const prefix = [5, 0, 39, 12];
      const H = w.hidden;
      const expected = tf.tidy(() => {
        let h: tf.Tensor2D = tf.zeros([1, H]);
        for (const token of [w.vocabSize, ...prefix]) {
          const x = tf.gather(w.embedding, [token]);
          const gi = tf.add(tf.matMul(x, w.wInput), w.bInput);
          const gh = tf.add(tf.matMul(h, w.wHidden), w.bHidden);
          const part = (g: tf.Tensor, i: number): tf.Tensor => tf.slice(g, [0, i * H], [1, H]);
          const r = tf.sigmoid(tf.add(part(gi, 0), part(gh, 0)));
          const z = tf.sigmoid(tf.add(part(gi, 1), part(gh, 1)));
          const n = tf.tanh(tf.add(part(gi, 2), tf.mul(r, part(gh, 2))));
          h = tf.add(tf.mul(tf.sub(1, z), n), tf.mul(z, h)) as tf.Tensor2D;
        }
        return tf.logSoftmax(tf.add(tf.matMul(h, w.wOut), w.bOut));
      });
      const want = expected.dataSync();
      expected.dispose();
      const got = gruStep(w)(prefix);
      Array.from(got).forEach((x, v) => assert.ok(Math.abs(x - want[v]!) < 1e-4, `token ${v}: ${x} vs ${want[v]}`));
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
      assert.deepEqual(
        batched.beams.map((b) => b.tokens),
        unbatched.beams.map((b) => b.tokens),
      );
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
