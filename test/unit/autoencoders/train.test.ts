// Problem 4's training harness (train.ts, model.ts, batches.ts): learning, corruption confined to
// the training input, one readback per epoch, seeded shuffles and corruption, cancellation between
// batches, and no tensor leaks.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { CancelledError, CancelSource } from '../../../src/core/engine/cancel';
import { createRng } from '../../../src/core/engine/rng';
import { batchRanges, batchSeed, epochPermutation, gatherBatch } from '../../../src/core/problems/autoencoders/batches';
import { buildAutoencoder, parameterCount } from '../../../src/core/problems/autoencoders/model';
import * as referenceModule from '../../../src/core/problems/autoencoders/reference';
import type { AutoencoderSolution, Variant } from '../../../src/core/problems/autoencoders/solution';
import { encode, evalLoss, trainAutoencoder, type TrainOptions } from '../../../src/core/problems/autoencoders/train';
import { useTfBackend } from '../support/tf';

const reference: AutoencoderSolution = referenceModule;

/** n rows of dim features near a rank-r subspace, values in [0, 1]. */
function lowRankData(n: number, dim: number, r: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const basis = Array.from({ length: r * dim }, () => rng.next());
  const x = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const z = Array.from({ length: r }, () => rng.next() / r);
    for (let j = 0; j < dim; j++) {
      let v = 0.02 * rng.next();
      for (let q = 0; q < r; q++) v += z[q] * basis[q * dim + j];
      x[i * dim + j] = v;
    }
  }
  return x;
}

const DIM = 12;
const base = (over: Partial<TrainOptions> = {}): TrainOptions => ({
  variant: 'vanilla',
  epochs: 3,
  batchSize: 16,
  learningRate: 1e-2,
  seed: 7,
  ...over,
});

function model(seed = 3, activation: 'linear' | 'relu' = 'linear', widths = [6, 3]) {
  return buildAutoencoder(DIM, widths, activation, reference.decoderWidths(DIM, widths), seed);
}

/** Phase-tagged record of the student functions' calls, and which tensors were corrupted. */
interface Spy {
  solution: AutoencoderSolution;
  calls: { fn: string; phase: string; seed?: number; rows?: number }[];
  corrupted: Set<tf.Tensor>;
  cleanTargets: number;
  corruptTargets: number;
  phase: string;
}

function spySolution(base: AutoencoderSolution = reference): Spy {
  const spy: Spy = {
    solution: base,
    calls: [],
    corrupted: new Set(),
    cleanTargets: 0,
    corruptTargets: 0,
    phase: 'train',
  };
  const corruptedInputs = new Set<tf.Tensor>(); // the clean tensors handed to addNoise/maskInputs
  spy.solution = {
    ...base,
    forward(params, x) {
      spy.calls.push({ fn: 'forward', phase: spy.phase, rows: x.shape[0] });
      return base.forward(params, x);
    },
    reconstructionLoss(x, r) {
      spy.calls.push({ fn: 'reconstructionLoss', phase: spy.phase });
      if (spy.corrupted.has(x)) spy.corruptTargets++;
      else spy.cleanTargets++;
      return base.reconstructionLoss(x, r);
    },
    addNoise(x, std, seed) {
      spy.calls.push({ fn: 'addNoise', phase: spy.phase, seed });
      assert.equal(std, 0.5);
      corruptedInputs.add(x);
      const out = base.addNoise(x, std, seed);
      spy.corrupted.add(out);
      return out;
    },
    maskInputs(x, p, seed) {
      spy.calls.push({ fn: 'maskInputs', phase: spy.phase, seed });
      assert.equal(p, 0.25);
      corruptedInputs.add(x);
      const out = base.maskInputs(x, p, seed);
      spy.corrupted.add(out);
      return out;
    },
  };
  return spy;
}

describe('autoencoder training harness', function () {
  this.timeout(120_000);

  before(async () => {
    await useTfBackend();
  });

  it('builds seeded layers in × out with the decoder the solution asks for', () => {
    const a = buildAutoencoder(784, [256, 5], 'relu', reference.decoderWidths(784, [256, 5]), 1);
    const b = buildAutoencoder(784, [256, 5], 'relu', reference.decoderWidths(784, [256, 5]), 1);
    try {
      assert.deepEqual(
        a.encoder.map((l) => l.w.shape),
        [
          [784, 256],
          [256, 5],
        ],
      );
      assert.deepEqual(
        a.decoder.map((l) => l.w.shape),
        [
          [5, 256],
          [256, 784],
        ],
      );
      assert.deepEqual(
        [...a.encoder, ...a.decoder].map((l) => l.b.shape),
        [[256], [5], [256], [784]],
      );
      assert.equal(a.variables.length, 8);
      assert.equal(parameterCount(a), 784 * 256 + 256 + 256 * 5 + 5 + 5 * 256 + 256 + 256 * 784 + 784);
      assert.deepEqual(
        Array.from(a.encoder[0].w.dataSync().slice(0, 5)),
        Array.from(b.encoder[0].w.dataSync().slice(0, 5)),
      );
      // He-uniform before a ReLU (limit √(6/784)), Glorot-uniform into the bottleneck (√(6/261)).
      const maxAbs = (t: tf.Tensor) => (t.dataSync() as Float32Array).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      assert.ok(maxAbs(a.encoder[0].w) <= Math.sqrt(6 / 784) && maxAbs(a.encoder[0].w) > 0.9 * Math.sqrt(6 / 784));
      assert.ok(maxAbs(a.encoder[1].w) <= Math.sqrt(6 / 261) && maxAbs(a.encoder[1].w) > 0.8 * Math.sqrt(6 / 261));
      assert.throws(
        () => buildAutoencoder(784, [256, 5], 'relu', [256, 780], 1),
        /must end at the input dimension 784/,
      );
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it('lowers the loss on a small set and reports train and validation loss per epoch', async () => {
    const x = lowRankData(300, DIM, 3, 1);
    const m = model();
    try {
      const before = evalLoss(reference, m, x.subarray(240 * DIM), DIM);
      const epochs: number[] = [];
      const res = await trainAutoencoder(
        reference,
        m,
        { train: x.subarray(0, 240 * DIM), val: x.subarray(240 * DIM), dim: DIM },
        { ...base({ epochs: 8 }), onEpoch: (e) => void epochs.push(e.epoch) },
      );
      assert.deepEqual(epochs, [1, 2, 3, 4, 5, 6, 7, 8]);
      assert.equal(res.trainLoss.length, 8);
      assert.equal(res.valLoss.length, 8);
      assert.ok(res.trainLoss[7] < 0.5 * res.trainLoss[0], `train loss ${res.trainLoss}`);
      assert.ok(res.valLoss[7] < 0.2 * before, `val loss ${before} → ${res.valLoss}`);
      // The last epoch's validation loss is evalLoss on the trained model.
      assert.ok(
        Math.abs(evalLoss(reference, m, x.subarray(240 * DIM), DIM) - res.valLoss[7]) < 1e-5 * res.valLoss[7] + 1e-7,
      );
    } finally {
      m.dispose();
    }
  });

  for (const [variant, fn] of [
    ['denoising', 'addNoise'],
    ['masked', 'maskInputs'],
  ] as [Variant, string][]) {
    it(`${variant}: corrupts the training input only, seeded per batch, against the clean target`, async () => {
      const x = lowRankData(100, DIM, 3, 2);
      const spy = spySolution();
      const m = model();
      try {
        await trainAutoencoder(
          spy.solution,
          m,
          { train: x.subarray(0, 80 * DIM), val: x.subarray(80 * DIM), dim: DIM },
          base({ variant, epochs: 2, batchSize: 32 }),
        );
        spy.phase = 'evaluation';
        evalLoss(spy.solution, m, x, DIM);
        encode(spy.solution, m, x, DIM);
        const corruptions = spy.calls.filter((c) => c.fn === fn);
        assert.equal(corruptions.length, 2 * 3, 'one corruption per training batch (2 epochs × 3 batches)');
        assert.equal(spy.calls.filter((c) => c.fn === (fn === 'addNoise' ? 'maskInputs' : 'addNoise')).length, 0);
        assert.equal(new Set(corruptions.map((c) => c.seed)).size, 6, 'a different seed per batch');
        assert.equal(spy.corruptTargets, 0, 'the loss target is the clean x');
        // 6 training losses + 2 validation passes (one batch of 20 each) + evalLoss: all on clean targets.
        assert.equal(spy.cleanTargets, 6 + 2 + 1);
        // Validation forwards see 20 rows; none of their inputs was corrupted (no corruption call between them).
        const trainForwards = spy.calls.filter((c) => c.fn === 'forward' && c.rows !== 20 && c.phase === 'train');
        assert.equal(trainForwards.length, 6);
        assert.equal(
          spy.calls.filter((c) => c.phase === 'evaluation' && (c.fn === 'addNoise' || c.fn === 'maskInputs')).length,
          0,
        );
        // The same seed gives the same corruption seeds again.
        const again = spySolution();
        await trainAutoencoder(
          again.solution,
          model(),
          { train: x.subarray(0, 80 * DIM), val: new Float32Array(0), dim: DIM },
          base({ variant, epochs: 2, batchSize: 32 }),
        );
        assert.deepEqual(
          again.calls.filter((c) => c.fn === fn).map((c) => c.seed),
          corruptions.map((c) => c.seed),
        );
      } finally {
        m.dispose();
      }
    });
  }

  it('vanilla never corrupts', async () => {
    const x = lowRankData(64, DIM, 3, 3);
    const spy = spySolution();
    const m = model();
    try {
      await trainAutoencoder(spy.solution, m, { train: x, val: x, dim: DIM }, base({ epochs: 2 }));
      assert.equal(spy.calls.filter((c) => c.fn === 'addNoise' || c.fn === 'maskInputs').length, 0);
    } finally {
      m.dispose();
    }
  });

  it('reads back from the device once per epoch, not per batch', async () => {
    const x = lowRankData(400, DIM, 3, 4);
    const m = model();
    // Every data()/dataSync()/array() goes through the engine's read/readSync (the wasm backend's read calls its readSync).
    const backend = tf.engine() as unknown as {
      read: (id: object) => Promise<unknown>;
      readSync: (id: object) => unknown;
    };
    const [read, readSync] = [backend.read, backend.readSync];
    let reads = 0;
    backend.read = function (this: unknown, id: object) {
      reads++;
      return read.call(this, id);
    };
    backend.readSync = function (this: unknown, id: object) {
      reads++;
      return readSync.call(this, id);
    };
    const perEpoch: number[] = [];
    try {
      await trainAutoencoder(
        reference,
        m,
        { train: x.subarray(0, 320 * DIM), val: x.subarray(320 * DIM), dim: DIM },
        { ...base({ epochs: 3, batchSize: 10 }), onEpoch: () => void perEpoch.push(reads) },
      );
    } finally {
      backend.read = read;
      backend.readSync = readSync;
      m.dispose();
    }
    assert.deepEqual(perEpoch, [1, 2, 3], '32 batches per epoch, one read each epoch');
  });

  it('equals tf.train.adam training within float tolerance', async () => {
    const x = lowRankData(200, DIM, 3, 5);
    const run = async (optimizer: 'fused' | 'tfjs') => {
      const m = model(11, 'relu', [8, 4]);
      try {
        const res = await trainAutoencoder(
          reference,
          m,
          { train: x, val: x.subarray(0, 50 * DIM), dim: DIM },
          { ...base({ epochs: 4, batchSize: 20 }), optimizer },
        );
        return { res, weights: m.variables.map((v) => Float32Array.from(v.dataSync())) };
      } finally {
        m.dispose();
      }
    };
    const fused = await run('fused');
    const stock = await run('tfjs');
    fused.res.trainLoss.forEach((l, i) =>
      assert.ok(
        Math.abs(l - stock.res.trainLoss[i]) <= 1e-4 * stock.res.trainLoss[i],
        `epoch ${i}: ${l} vs ${stock.res.trainLoss[i]}`,
      ),
    );
    fused.weights.forEach((w, i) =>
      w.forEach((value, j) =>
        assert.ok(
          Math.abs(value - stock.weights[i][j]) <= 1e-4,
          `variable ${i}[${j}]: ${value} vs ${stock.weights[i][j]}`,
        ),
      ),
    );
  });

  it('shuffles with a seeded permutation per epoch and is reproducible from its seed', async () => {
    const p0 = epochPermutation(1000, 5, 0);
    assert.deepEqual(
      [...p0].sort((a, b) => a - b),
      Array.from({ length: 1000 }, (_, i) => i),
    );
    assert.deepEqual(epochPermutation(1000, 5, 0), p0);
    assert.notDeepEqual(epochPermutation(1000, 5, 1), p0);
    assert.notDeepEqual(epochPermutation(1000, 6, 0), p0);
    assert.notEqual(batchSeed(1, 0, 1), batchSeed(1, 1, 0));
    assert.deepEqual(batchRanges(10, 4), [
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
    const x = Float32Array.from({ length: 5 * 3 }, (_, i) => i);
    const batch = gatherBatch(x, 3, Int32Array.from([4, 0, 2]), 0, 2);
    assert.deepEqual(Array.from(batch.dataSync()), [12, 13, 14, 0, 1, 2]);
    batch.dispose();

    const data = lowRankData(100, DIM, 3, 6);
    const train = async (seed: number) => {
      const m = model(2);
      try {
        return (
          await trainAutoencoder(
            reference,
            m,
            { train: data, val: new Float32Array(0), dim: DIM },
            base({ seed, variant: 'denoising' }),
          )
        ).trainLoss;
      } finally {
        m.dispose();
      }
    };
    const first = await train(1);
    assert.deepEqual(await train(1), first);
    assert.notDeepEqual(await train(2), first);
  });

  it('stops between batches when cancelled', async () => {
    const x = lowRankData(200, DIM, 3, 7);
    const source = new CancelSource();
    let forwards = 0;
    const cancelling: AutoencoderSolution = {
      ...reference,
      forward(params, input) {
        if (++forwards === 3) source.cancel();
        return reference.forward(params, input);
      },
    };
    const m = model();
    const start = tf.memory().numTensors;
    try {
      await assert.rejects(
        trainAutoencoder(cancelling, m, { train: x, val: x, dim: DIM }, { ...base({ batchSize: 10 }), signal: source }),
        CancelledError,
      );
      assert.equal(forwards, 3, 'the third batch finishes, the fourth never starts');
      assert.equal(tf.memory().numTensors, start, 'nothing left behind by the cancelled run');
    } finally {
      m.dispose();
    }
  });

  it('leaks no tensors: training, evaluation and encoding return to the starting count', async () => {
    const x = lowRankData(150, DIM, 3, 8);
    const start = tf.memory().numTensors;
    for (const variant of ['vanilla', 'denoising', 'masked'] as Variant[]) {
      for (const optimizer of ['fused', 'tfjs'] as const) {
        const m = model(4, 'relu', [8, 3]);
        await trainAutoencoder(
          reference,
          m,
          { train: x.subarray(0, 100 * DIM), val: x.subarray(100 * DIM), dim: DIM },
          { ...base({ variant, epochs: 2, batchSize: 16 }), optimizer },
        );
        evalLoss(reference, m, x, DIM, 64);
        const codes = encode(reference, m, x, DIM, 64);
        assert.equal(codes.length, 150 * 3);
        m.dispose();
        assert.equal(tf.memory().numTensors, start, `${variant}/${optimizer}`);
      }
    }
  });

  it('encodes in batches: the codes equal one forward pass on the whole set', () => {
    const x = lowRankData(70, DIM, 3, 9);
    const m = model(5, 'relu', [8, 3]);
    try {
      const codes = encode(reference, m, x, DIM, 16);
      const whole = tf.tidy(() => reference.forward(m, tf.tensor2d(x, [70, DIM])).code);
      const expected = whole.dataSync();
      whole.dispose();
      codes.forEach((c, i) => assert.ok(Math.abs(c - expected[i]) < 1e-5, `code ${i}`));
      const loss = tf.tidy(() => {
        const t = tf.tensor2d(x, [70, DIM]);
        return reference.reconstructionLoss(t, reference.forward(m, t).reconstruction);
      });
      assert.ok(Math.abs(evalLoss(reference, m, x, DIM, 16) - loss.dataSync()[0]) < 1e-5);
      loss.dispose();
    } finally {
      m.dispose();
    }
  });
});
