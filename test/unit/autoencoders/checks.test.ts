// The Q4 code checks: the reference passes every one; the loss on the hand-computed example; each
// wrong student (one typical mistake) fails its own check with a message that names the mistake.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { checkAutoencoderCode, LOSS_EXAMPLE } from '../../../src/core/problems/autoencoders/checks';
import { reference, WRONG } from './wrongSolutions';

describe('Q4 checks', function () {
  this.timeout(60_000);
  before(async () => {
    await useTfBackend();
  });

  it('the hand-computed loss: rows (0, 2, 0) and (2, 0, −3) → (4 + 13) / 2 = 8.5, and the reference gives it', () => {
    const rowSums = [0 ** 2 + 2 ** 2 + 0 ** 2, 2 ** 2 + 0 ** 2 + 3 ** 2];
    assert.deepEqual(rowSums, [4, 13]);
    assert.equal(LOSS_EXAMPLE.loss, (4 + 13) / 2);
    const value = tf.tidy(() => reference.reconstructionLoss(tf.tensor2d(LOSS_EXAMPLE.x as unknown as number[][]), tf.tensor2d(LOSS_EXAMPLE.reconstruction as unknown as number[][])).dataSync()[0]);
    assert.equal(value, 8.5);
  });

  it('the reference passes every check, in marker order, without leaking tensors', () => {
    const before = tf.memory().numTensors;
    const { findings, leak } = checkAutoencoderCode(reference, 4);
    assert.deepEqual(findings.map((f) => [f.checkId, f.ok, f.marker]), [
      ['q4.decoder', true, 'q4.decoder'], ['q4.forward', true, 'q4.forward'], ['q4.loss', true, 'q4.loss'],
      ['q4.denoising', true, 'q4.denoising'], ['q4.masking', true, 'q4.masking'], ['q4.probe-accuracy', true, 'q4.probe-accuracy'],
    ], JSON.stringify(findings, null, 1));
    assert.equal(leak, false);
    for (const f of findings) assert.ok(f.short && f.message, JSON.stringify(f));
    assert.equal(tf.memory().numTensors, before);
  });

  for (const [name, wrong] of Object.entries(WRONG)) {
    it(`catches ${name} at ${wrong.checkId}`, () => {
      const before = tf.memory().numTensors;
      const { findings, leak } = checkAutoencoderCode(wrong.solution, 4);
      const failed = findings.filter((f) => !f.ok);
      assert.deepEqual(failed.map((f) => f.checkId), [wrong.checkId], JSON.stringify(failed, null, 1));
      assert.equal(failed[0]!.marker, wrong.checkId);
      assert.equal(failed[0]!.severity, 'error');
      assert.match(failed[0]!.message, wrong.message);
      assert.equal(leak, /leak/.test(name));
      assert.equal(tf.memory().numTensors, before);
    });
  }
});
