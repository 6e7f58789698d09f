import assert from 'node:assert/strict';
import { classCounts, imageDim, subsetImages, type ImageSet } from '../../../src/core/data/imageSet';

/** 4 images of 1×2: image i holds [i/10, i/10 + 0.05], label i % 2. */
const SET: ImageSet = {
  name: 'tiny',
  width: 2,
  height: 1,
  n: 4,
  images: Float32Array.from([0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35]),
  labels: Uint8Array.from([0, 1, 0, 1]),
  classes: 3,
};

describe('ImageSet helpers', () => {
  it('subsetImages copies the chosen images and labels, in the given order', () => {
    const sub = subsetImages(SET, Int32Array.from([3, 0]), 'picked');
    assert.equal(imageDim(sub), 2);
    assert.deepEqual([sub.name, sub.n, sub.width, sub.height, sub.classes], ['picked', 2, 2, 1, 3]);
    assert.deepEqual(Array.from(sub.images), [0.3, 0.35, 0, 0.05].map(Math.fround));
    assert.deepEqual(Array.from(sub.labels), [1, 0]);
    sub.images[0] = 9;
    assert.equal(SET.images[6], Math.fround(0.3), 'a copy, not a view');
  });

  it('subsetImages rejects an index outside the set', () => {
    assert.throws(() => subsetImages(SET, [4]), /index 4 outside 0\.\.3/);
    assert.throws(() => subsetImages(SET, [-1]), RangeError);
  });

  it('classCounts counts every class, empty ones too', () => {
    assert.deepEqual(classCounts(SET), [2, 2, 0]);
  });
});
