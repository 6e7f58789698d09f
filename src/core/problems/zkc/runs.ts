// A recording's number arrays with runs of equal values compressed (Â is mostly zeros, a test
// accuracy stays put for thousands of epochs): `[value, count]` stands for `count` copies of value.
// JSON keeps every finite double exactly, so unpacking gives back the very values packed.

export type PackedRuns = (number | [number, number])[];

/** Shortest runs written as `[value, count]`: shorter ones are cheaper as plain numbers. */
const MIN_RUN = 3;

export function packRuns(values: ArrayLike<number>): PackedRuns {
  const packed: PackedRuns = [];
  for (let i = 0; i < values.length; ) {
    let j = i + 1;
    while (j < values.length && Object.is(values[j], values[i])) j++;
    if (j - i >= MIN_RUN) packed.push([values[i]!, j - i]);
    else for (let k = i; k < j; k++) packed.push(values[k]!);
    i = j;
  }
  return packed;
}

export function unpackRuns(packed: PackedRuns): Float64Array {
  let length = 0;
  for (const item of packed) length += typeof item === 'number' ? 1 : item[1];
  const values = new Float64Array(length);
  let at = 0;
  for (const item of packed) {
    if (typeof item === 'number') values[at++] = item;
    else {
      values.fill(item[0], at, at + item[1]);
      at += item[1];
    }
  }
  return values;
}
