import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { warmUp } from '../../../src/core/engine/warmUp';
import { drawNormals, fromWire, wireNormals } from '../../../src/core/engine/wire';
import { createRng } from '../../../src/core/engine/rng';

describe('a spare child’s warm-up', function () {
  this.timeout(60_000);
  before(() => useTfBackend());

  it('runs its steps and leaves no tensor or variable behind', async () => {
    const before = tf.memory().numTensors;
    const steps = await warmUp(
      () => false,
      () => Promise.resolve(),
    );
    assert.ok(steps > 1, `${steps} steps`);
    assert.equal(tf.memory().numTensors, before);
  });

  it('stops between steps as soon as a run is waiting', async () => {
    let pauses = 0;
    const before = tf.memory().numTensors;
    const steps = await warmUp(
      () => pauses >= 3,
      async () => void pauses++,
    );
    assert.equal(steps, 2);
    assert.equal(tf.memory().numTensors, before);
    assert.equal(
      await warmUp(
        () => true,
        () => Promise.resolve(),
      ),
      0,
    );
  });
});

describe('normals the child draws from a seed (wireNormals)', () => {
  before(() => useTfBackend());

  it('are the judge’s drawNormals values, as a float32 tensor of the shape asked for', () => {
    const made: tf.Tensor[] = [];
    const [t] = fromWire([wireNormals(1234, [3, 5], 0.5)], () => undefined, made) as tf.Tensor[];
    assert.deepEqual(t!.shape, [3, 5]);
    assert.equal(t!.dtype, 'float32');
    assert.deepEqual(t!.dataSync(), drawNormals(1234, 15, 0.5));
    assert.equal(made.length, 1);
    tf.dispose(made);
  });

  it('are createRng(seed) normals in float32, and another seed draws others', () => {
    const rng = createRng(99);
    const expected = Float32Array.from({ length: 8 }, () => rng.normal());
    assert.deepEqual(drawNormals(99, 8), expected);
    assert.notDeepEqual(drawNormals(100, 8), expected);
  });
});
