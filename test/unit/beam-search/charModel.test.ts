import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { aliceChapterOne } from '../../../src/core/data/alice';
import {
  buildVocabulary,
  charLogProbs,
  charModelStep,
  encode,
  normalizeText,
  trainCharModel,
  type CharModelConfig,
} from '../../../src/core/problems/beam-search/charModel';
import { createRng } from '../../../src/core/engine/rng';
import { CancelSource, CancelledError, neverCancelled } from '../../../src/core/engine/cancel';

const config: CharModelConfig = {
  k: 2,
  T: 8,
  prompt: 'alice ',
  epochs: 4,
  context: 6,
  embed: 8,
  hidden: 32,
  batchSize: 128,
  learningRate: 0.01,
};

describe('Q5 character model', function () {
  this.timeout(60_000);
  before(() => useTfBackend());
  const text = normalizeText(aliceChapterOne.text);

  it('normalises the bundled text to a small character vocabulary', () => {
    assert.ok(text.length > 4000);
    assert.doesNotMatch(text, /[A-Z"()\n]|\s\s/);
    const vocab = buildVocabulary(text);
    assert.ok(vocab.includes(' ') && vocab.includes('a') && vocab.length <= 40);
    assert.deepEqual(encode('a?#', vocab), { tokens: [vocab.indexOf('a'), vocab.indexOf('?')], dropped: 1 });
  });

  it('trains: the loss decreases, training is seeded, and no tensor is left behind', async () => {
    const start = tf.memory().numTensors;
    const a = await trainCharModel(text, config, createRng(7), { signal: neverCancelled });
    assert.equal(tf.memory().numTensors, start);
    assert.equal(a.losses.length, config.epochs);
    assert.ok(a.losses[0]! < Math.log(a.vocab.length) + 0.3, 'first epoch starts near uniform and improves');
    for (let i = 1; i < a.losses.length; i++) assert.ok(a.losses[i]! < a.losses[i - 1]!, a.losses.join(' → '));
    const b = await trainCharModel(text, { ...config, epochs: 1 }, createRng(7), { signal: neverCancelled });
    assert.equal(b.losses[0], a.losses[0]);
  });

  it('decodes on plain arrays exactly as a tfjs forward pass with the same weights', async () => {
    const model = await trainCharModel(text, { ...config, epochs: 1 }, createRng(3), { signal: neverCancelled });
    const { embedding, w1, b1, w2, b2 } = model.weights;
    const [M, n, E, H] = [model.vocab.length, model.context, model.embed, model.hidden];
    const context = encode('rabbit', model.vocab).tokens;
    const expected = tf.tidy(() => {
      const e = tf.gather(tf.tensor2d(embedding, [M, E]), tf.tensor1d(context, 'int32')).reshape([1, n * E]);
      const h = tf.tanh(tf.add(tf.matMul(e as tf.Tensor2D, tf.tensor2d(w1, [n * E, H])), tf.tensor1d(b1)));
      return tf.logSoftmax(tf.add(tf.matMul(h as tf.Tensor2D, tf.tensor2d(w2, [H, M])), tf.tensor1d(b2)));
    });
    const want = expected.dataSync();
    expected.dispose();
    const got = charLogProbs(model, context);
    got.forEach((x, i) => assert.ok(Math.abs(x - want[i]!) < 1e-4, `token ${i}: ${x} vs ${want[i]}`));
    assert.ok(Math.abs(got.reduce((s, x) => s + Math.exp(x), 0) - 1) < 1e-9);
  });

  it('the step function continues the prompt: the context is the last n characters of prompt + prefix', async () => {
    const model = await trainCharModel(text, { ...config, epochs: 1 }, createRng(3), { signal: neverCancelled });
    const ids = (s: string): number[] => encode(s, model.vocab).tokens;
    const step = charModelStep(model, ids('the white '));
    assert.deepEqual(Array.from(step(ids('ra'))), charLogProbs(model, ids('ite ra')));
    const short = charModelStep(model, ids('a'));
    assert.deepEqual(Array.from(short([])), charLogProbs(model, ids('     a')), 'padded with spaces');
  });

  it('stops between epochs when cancelled', async () => {
    const signal = new CancelSource();
    const start = tf.memory().numTensors;
    await assert.rejects(
      trainCharModel(text, config, createRng(1), {
        signal,
        onEpoch: (epoch) => (epoch === 0 ? signal.cancel() : undefined),
      }),
      CancelledError,
    );
    assert.equal(tf.memory().numTensors, start);
  });
});
