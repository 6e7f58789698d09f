// The one shape every image dataset of problem 4 takes (the embedded MNIST 10k, IDX files), so the
// experiments, probes and digit strips never care where the pixels came from.

export interface ImageSet {
  /** Shown to the user, e.g. "MNIST 10k (embedded)" or "fashion-mnist train". */
  name: string;
  width: number;
  height: number;
  /** Number of images. */
  n: number;
  /** n × (width·height), row-major per image, values in [0, 1] (pixel/255, no normalisation). */
  images: Float32Array;
  /** n class labels in [0, classes). */
  labels: Uint8Array;
  classes: number;
}

/** Pixels per image (width·height). */
export function imageDim(set: ImageSet): number {
  return set.width * set.height;
}

/** The images and labels at `indices` (in that order), copied into a new, contiguous set. */
export function subsetImages(set: ImageSet, indices: ArrayLike<number>, name = set.name): ImageSet {
  const dim = imageDim(set);
  const images = new Float32Array(indices.length * dim);
  const labels = new Uint8Array(indices.length);
  for (let j = 0; j < indices.length; j++) {
    const i = indices[j];
    if (!Number.isInteger(i) || i < 0 || i >= set.n)
      throw new RangeError(`subsetImages: index ${i} outside 0..${set.n - 1}`);
    images.set(set.images.subarray(i * dim, (i + 1) * dim), j * dim);
    labels[j] = set.labels[i];
  }
  return { name, width: set.width, height: set.height, n: indices.length, images, labels, classes: set.classes };
}

/** How many images of each class (index = label). */
export function classCounts(set: Pick<ImageSet, 'labels' | 'classes'>): number[] {
  const counts = new Array<number>(set.classes).fill(0);
  for (const y of set.labels) counts[y]++;
  return counts;
}
