// The Q4 code checks, judged across the boundary (the student's functions in a child engine in this
// thread, the inputs and expectations on the judge's side): the reference passes every one; the loss
// on the hand-computed example; each wrong student (one typical mistake) fails its own check with a
// message that names the mistake; what a function returns is read as untrusted data.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import type { Finding } from '../../../src/core/engine/events';
import { useTfBackend } from '../support/tf';
import { asWasmBackend, heapOffset } from '../../../src/core/tfjsWasm/wasmHeap';
import { judgeContext } from '../support/judgeLocal';
import { autoencodersProblem } from '../../../src/core/problems/autoencoders';
import {
  checkAutoencoderCode,
  LOSS_EXAMPLE,
  type CodeCheckResult,
} from '../../../src/core/problems/autoencoders/checks';
import { reference, WRONG } from './wrongSolutions';
import { child, quickConfig } from './support';

/** The code checks of `exports` through a judge context whose child runs here. */
async function codeChecks(exports: object): Promise<CodeCheckResult> {
  const ctx = await judgeContext(autoencodersProblem, child, exports, quickConfig());
  try {
    return await checkAutoencoderCode(ctx.child, 4);
  } finally {
    await ctx.close();
  }
}

describe('Q4 checks', function () {
  this.timeout(60_000);
  before(async () => {
    await useTfBackend();
  });

  it('the hand-computed loss: rows (0, 2, 0) and (2, 0, −3) → (4 + 13) / 2 = 8.5, and the reference gives it', () => {
    const rowSums = [0 ** 2 + 2 ** 2 + 0 ** 2, 2 ** 2 + 0 ** 2 + 3 ** 2];
    assert.deepEqual(rowSums, [4, 13]);
    assert.equal(LOSS_EXAMPLE.loss, (4 + 13) / 2);
    const value = tf.tidy(
      () =>
        reference
          .reconstructionLoss(
            tf.tensor2d(LOSS_EXAMPLE.x as unknown as number[][]),
            tf.tensor2d(LOSS_EXAMPLE.reconstruction as unknown as number[][]),
          )
          .dataSync()[0],
    );
    assert.equal(value, 8.5);
  });

  it('the reference passes every check, in marker order, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const { findings, leak } = await codeChecks(reference);
    assert.deepEqual(
      findings.map((f) => [f.checkId, f.ok, f.marker]),
      [
        ['q4.decoder', true, 'q4.decoder'],
        ['q4.forward', true, 'q4.forward'],
        ['q4.loss', true, 'q4.loss'],
        ['q4.denoising', true, 'q4.denoising'],
        ['q4.masking', true, 'q4.masking'],
        ['q4.probe-accuracy', true, 'q4.probe-accuracy'],
      ],
      JSON.stringify(findings, null, 1),
    );
    assert.equal(leak, false);
    for (const f of findings) assert.ok(f.short && f.message, JSON.stringify(f));
    assert.equal(tf.memory().numTensors, before);
  });

  for (const [name, wrong] of Object.entries(WRONG)) {
    it(`catches ${name} at ${wrong.checkId}`, async () => {
      const before = tf.memory().numTensors;
      const { findings, leak } = await codeChecks(wrong.solution);
      const failed = findings.filter((f) => !f.ok);
      assert.deepEqual(
        failed.map((f) => f.checkId),
        [wrong.checkId],
        JSON.stringify(failed, null, 1),
      );
      assert.equal(failed[0]!.marker, wrong.checkId);
      assert.equal(failed[0]!.severity, 'error');
      assert.match(failed[0]!.message, wrong.message);
      assert.equal(leak, /leak/.test(name));
      assert.equal(tf.memory().numTensors, before);
    });
  }

  it("the main numeric failures carry the lab's value with its tolerance and the student's (the Testing view's diff)", async () => {
    const failed = async (name: string): Promise<Finding> =>
      (await codeChecks(WRONG[name]!.solution)).findings.find((f) => !f.ok)!;
    const loss = await failed('loss: mean over everything');
    assert.deepEqual(
      [loss.expected, loss.actual],
      ['reconstructionLoss(example) = 8.5 (± 1e-4 relative)', 'reconstructionLoss(example) = 2.83333'],
    );
    const forward = await failed('activation after the bottleneck');
    assert.equal(forward.expected, 'code: relative difference ≤ 1.0e-4');
    assert.match(forward.actual ?? '', /^code: relative difference \d\.\de-?\d+$/);
    const tie = await failed('accuracy: the last largest logit on a tie');
    assert.match(tie.expected ?? '', /^probeAccuracy on .+ = [\d.]+ \(\d+ of \d+\)$/, tie.expected);
    assert.match(tie.actual ?? '', /^probeAccuracy on .+ = [\d.]+ \(\d+ of \d+\)$/, tie.actual);
    assert.notEqual(tie.expected, tie.actual);
  });

  it('a malformed return value is a failed finding at its TODO; an exception is one at its marker, with the thrown message', async () => {
    const { findings } = await codeChecks({
      ...reference,
      forward: () => ({ code: 3, reconstruction: 'x' }),
      reconstructionLoss: (x: tf.Tensor2D, r: tf.Tensor2D) =>
        tf.tidy(() => tf.reshape(reference.reconstructionLoss(x, r), [1])),
      addNoise: () => [[1, 2]],
      maskInputs: () => {
        throw new Error('mask boom');
      },
      probeAccuracy: () => 'most',
    });
    const byId = new Map(findings.map((f) => [f.checkId, f]));
    assert.equal(byId.get('q4.decoder')!.ok, true);
    assert.match(
      byId.get('q4.forward')!.message,
      /^forward\(params \(linear, 7-3-7\), x \[4, 7\]\)\.code should be a tensor of shape \[4, 3\], but it is 3\.$/,
    );
    assert.equal(byId.get('q4.forward')!.short, 'wrong shape');
    assert.match(byId.get('q4.loss')!.message, /should return a scalar tensor \(shape \[\]\), but it has shape \[1\]/);
    assert.match(
      byId.get('q4.denoising')!.message,
      /addNoise\(x \[200, 50\], 0\.5, 106\) should be a tensor of shape \[200, 50\], but it is an array of length 1 \(return a tensor\)\./,
    );
    assert.equal(byId.get('q4.masking')!.ok, false);
    assert.equal(byId.get('q4.masking')!.marker, 'q4.masking');
    assert.match(byId.get('q4.masking')!.message, /mask boom/);
    assert.equal(byId.get('q4.masking')!.short, 'threw');
    assert.match(
      byId.get('q4.probe-accuracy')!.message,
      /probeAccuracy should return a number between 0 and 1, but it returned a string/,
    );
  });

  it('forward that disposes a parameter, and addNoise that disposes or changes its input, fail their checks', async () => {
    const { findings } = await codeChecks({
      ...reference,
      forward: (params: Parameters<typeof reference.forward>[0], x: tf.Tensor2D) => {
        const out = reference.forward(params, x);
        params.encoder[0]!.w.dispose();
        return out;
      },
      addNoise: (x: tf.Tensor2D, std: number, seed: number) => {
        const out = reference.addNoise(x, std, seed);
        x.dispose();
        return out;
      },
      maskInputs: (x: tf.Tensor2D, p: number, seed: number) => {
        const out = reference.maskInputs(x, p, seed);
        // writes the masked values into x itself (its wasm heap buffer): the clean target is gone
        const backend = asWasmBackend(tf.engine().backend)!;
        new Float32Array(backend.wasm.HEAPU8.buffer, heapOffset(backend, x)!, x.size).set(out.dataSync());
        return out;
      },
    });
    const byId = new Map(findings.map((f) => [f.checkId, f]));
    assert.match(byId.get('q4.forward')!.message, /disposed a parameter tensor: leave params alone/);
    assert.match(byId.get('q4.denoising')!.message, /disposed its input x: return a new tensor and leave x alone/);
    assert.match(byId.get('q4.masking')!.message, /maskInputs changed its input x/);
  });
});
