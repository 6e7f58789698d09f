import assert from 'node:assert/strict';
import { zkcData } from '../../../src/core/problems/zkc/dataset';
import { zkcLabels } from '../../../src/core/problems/zkc/labels';

describe('Q1 dataset', () => {
  it('splits 24 training and 10 test nodes, and masks all 34 or the 24', () => {
    const all = zkcData({ weighted: true, maskMode: 'all-nodes' });
    const train = zkcData({ weighted: true, maskMode: 'train-only' });
    assert.deepEqual(all.testNodes, [0, 1, 3, 8, 15, 16, 20, 25, 28, 30]);
    assert.equal(all.trainNodes.length, 24);
    assert.deepEqual(
      [...all.trainNodes, ...all.testNodes].sort((a, b) => a - b),
      Array.from({ length: 34 }, (_, i) => i),
    );
    assert.equal(
      all.mask.reduce((s, x) => s + x, 0),
      34,
    );
    assert.deepEqual(
      Array.from(train.mask.keys()).filter((i) => train.mask[i] === 1),
      train.trainNodes,
    );
  });

  it('has X = I₃₄, one-hot targets of the modularity labels, and the chosen Â', () => {
    const data = zkcData({ weighted: false, maskMode: 'all-nodes' });
    for (let i = 0; i < 34; i++) for (let j = 0; j < 34; j++) assert.equal(data.x.data[i * 34 + j], i === j ? 1 : 0);
    const labels = zkcLabels();
    assert.deepEqual(data.labels, labels);
    for (let i = 0; i < 34; i++)
      assert.deepEqual([...data.y.data.subarray(2 * i, 2 * i + 2)], labels[i] === 0 ? [1, 0] : [0, 1]);
    assert.equal(data.aHat.data[0], 1 / 17);
    assert.equal(zkcData({ weighted: true, maskMode: 'all-nodes' }).aHat.data[0], 1 / 43);
  });
});
