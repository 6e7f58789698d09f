// The judge's side of Q1 on data it did not make: the wire values a student function returned, the
// run's record and the short training are untrusted, so malformed ones become findings at the
// function's TODO or a channel violation, never a pass.
import assert from 'node:assert/strict';
import { ShapeError, StudentFailureError, type JudgeContext } from '../../../src/core/problem';
import { ChannelError } from '../../../src/core/engine/judge';
import { createRng } from '../../../src/core/engine/rng';
import { neverCancelled } from '../../../src/core/engine/cancel';
import { wireTensor } from '../../../src/core/engine/wire';
import { zkcProblem, type ZkcConfig, type ZkcTrainingHistory } from '../../../src/core/problems/zkc';
import { trainingToJudge } from '../../../src/core/problems/zkc/checks';
import { maxAbsDiff } from '../../../src/core/problems/zkc/compare';
import { summarizeTraining } from '../../../src/core/problems/zkc/trainingSummary';
import { trainConfig } from '../../../src/core/problems/zkc/config';
import { expectations } from '../../../src/core/problems/zkc/expected';
import { asShapeError, expectWireTensor, wireField } from '../../../src/core/problems/zkc/wireValues';

const shapeError =
  (message: RegExp, marker = 'q1.m') =>
  (e: unknown) =>
    e instanceof ShapeError && e.marker === marker && message.test(e.message);

function history(overrides: Partial<ZkcTrainingHistory> = {}): ZkcTrainingHistory {
  return {
    maskMode: 'all-nodes',
    epochs: 3,
    stopReason: 'max-epochs',
    trainLoss: [0.7, 0.69, 0.68],
    finalTestLoss: 0.7,
    finalTestAccuracy: 0.5,
    ...overrides,
  };
}

/** A JudgeContext with a record and a child that must not be asked for anything. */
function contextWith(record: unknown, config: ZkcConfig = zkcProblem.defaultConfig(true)): JudgeContext<ZkcConfig> {
  const never = (): never => assert.fail('the child was asked');
  return {
    config,
    rng: createRng(1),
    signal: neverCancelled,
    emit: () => undefined,
    metrics: {},
    child: { call: never, callOne: never, task: never },
    record,
  };
}

describe('Q1 judge: untrusted wire values', () => {
  it('reads a finite float32 tensor of the expected shape as float64', () => {
    assert.deepEqual([...expectWireTensor(wireTensor([1, 2, 3, 4], [2, 2]), [2, 2], 'f()', 'q1.m')], [1, 2, 3, 4]);
  });

  it("names what a malformed value is, in the checks' words, at the marker", () => {
    assert.throws(
      () => expectWireTensor([[1]], [2, 2], 'f()', 'q1.m'),
      shapeError(/^f\(\) should be a tensor of shape \[2, 2\], but it is an array of length 1 \(return a tensor\)\.$/),
    );
    assert.throws(() => expectWireTensor(undefined, [2], 'f()', 'q1.m'), shapeError(/but it is undefined\.$/));
    assert.throws(() => expectWireTensor({ w: 1 }, [2], 'f()', 'q1.m'), shapeError(/but it is an object\.$/));
    assert.throws(
      () => expectWireTensor(wireTensor([1, 2], [2, 1]), [2, 2], 'f()', 'q1.m'),
      shapeError(/^f\(\) should have shape \[2, 2\], but it has shape \[2, 1\]\.$/),
    );
    assert.throws(
      () => expectWireTensor(wireTensor([1, 2], [2], 'int32'), [2], 'f()', 'q1.m'),
      shapeError(/^f\(\) should be a float32 tensor, but its dtype is int32\.$/),
    );
    assert.throws(
      () => expectWireTensor(wireTensor([1, Infinity, 3, 4], [2, 2]), [2, 2], 'f()', 'q1.m'),
      shapeError(/^f\(\) has Infinity at \[0, 1\]: every entry should be a finite number\.$/),
    );
  });

  it('refuses a tensor whose shape and values do not fit together (only a tampered child sends one)', () => {
    const forged = { $tensor: true, shape: [2, 2], dtype: 'float32', values: new Float32Array(3) };
    assert.throws(() => expectWireTensor(forged, [2, 2], 'f()', 'q1.m'), shapeError(/is not a readable tensor/));
    assert.throws(
      () => expectWireTensor({ ...forged, values: [1, 2, 3, 4] }, [2, 2], 'f()', 'q1.m'),
      shapeError(/is not a readable tensor/),
    );
    assert.throws(
      () => expectWireTensor({ ...forged, shape: [-1, -4] }, [2, 2], 'f()', 'q1.m'),
      shapeError(/is not a readable tensor/),
    );
  });

  it('reads fields of objects only', () => {
    assert.equal(wireField({ dW: 1 }, 'dW', 'g()', 'q1.m'), 1);
    assert.equal(wireField({}, 'dW', 'g()', 'q1.m'), undefined);
    assert.throws(
      () => wireField(wireTensor([1], [1]), 'dW', 'g()', 'q1.m'),
      shapeError(/^g\(\) should return an object with `dW`, but it returned a tensor of shape \[1\]\.$/),
    );
    assert.throws(() => wireField(3, 'dW', 'g()', 'q1.m'), shapeError(/but it returned 3\.$/));
  });

  it("turns the child's shape failures into the judge's ShapeError, without the class name", () => {
    const err = asShapeError(
      new StudentFailureError({ reason: 'shape', message: 'ShapeError: x() returned a Promise.', marker: 'q1.m' }),
    );
    assert.ok(shapeError(/^x\(\) returned a Promise\.$/)(err));
    const threw = new StudentFailureError({ reason: 'student-code', message: 'boom' });
    assert.equal(asShapeError(threw), threw);
  });

  it('counts a NaN difference as the largest, wherever it is', () => {
    assert.deepEqual(maxAbsDiff([0, NaN, 0], [0, 0, 0]), { value: NaN, index: 1 });
    assert.deepEqual(maxAbsDiff([0, 3, 1], [0, 0, 0]), { value: 3, index: 1 });
  });
});

describe('Q1 judge: the training as data', () => {
  it('the record schema accepts a diverged training (NaN losses) and refuses an inconsistent one', () => {
    const schema = zkcProblem.recordSchema!;
    assert.ok(schema.safeParse({ training: history({ trainLoss: [0.7, NaN, Infinity], finalTestLoss: NaN }) }).success);
    assert.ok(!schema.safeParse({ training: history({ epochs: 4 }) }).success, 'one loss per epoch');
    assert.ok(!schema.safeParse({ training: history({ finalTestAccuracy: 2 }) }).success);
    assert.ok(!schema.safeParse({ training: history({ stopReason: 'bored' as never }) }).success);
    assert.ok(!schema.safeParse({ training: { ...history(), verdict: 'pass' } }).success, 'no extra fields');
    assert.ok(!schema.safeParse({}).success);
  });

  it('a NaN loss early in the curve fails the curve, even if later losses agree', () => {
    const config = trainConfig(zkcProblem.defaultConfig(true), 'all-nodes');
    const exact = summarizeTraining(history({ epochs: 1, trainLoss: [0] }), config, expectations.replay(config, 1)!);
    const truth0 = exact.expectedAtWorst;
    const t = summarizeTraining(
      history({ epochs: 3, trainLoss: [NaN, truth0, truth0] }),
      config,
      expectations.replay(config, 3)!,
    );
    assert.ok(Number.isNaN(t.curveError));
    assert.equal(t.curveErrorEpoch, 1);
  });

  it('judges the recorded training without asking the child, and refuses one the run was not configured for', async () => {
    const config = { ...zkcProblem.defaultConfig(true), maxEpochs: 3 };
    const summary = await trainingToJudge(contextWith({ training: history() }, config));
    assert.ok(!('reason' in summary) && summary.epochs === 3 && summary.maskMode === 'all-nodes');
    await assert.rejects(
      trainingToJudge(contextWith({ training: history() }, { ...config, maxEpochs: 2 })),
      ChannelError,
    );
    await assert.rejects(
      trainingToJudge(
        contextWith({ training: history({ maskMode: 'train-only' }) }, { ...config, maskModes: ['all-nodes'] }),
      ),
      ChannelError,
    );
  });

  it('refuses a short training that is not the one asked for', async () => {
    const ask = (output: unknown): Promise<unknown> => {
      const ctx = contextWith(undefined);
      ctx.child = { ...ctx.child, task: async () => output };
      return trainingToJudge(ctx);
    };
    await assert.rejects(ask(history({ epochs: 501, trainLoss: new Array(501).fill(0.5) })), ChannelError);
    await assert.rejects(ask(history({ maskMode: 'train-only' })), ChannelError);
    await assert.rejects(ask({ verdict: 'pass' }), ChannelError);
    const ok = await ask(history());
    assert.equal((ok as { epochs: number }).epochs, 3);
  });
});
