// Float64Arrays as base64 text of their little-endian bytes: exact, and about a third the size of
// the same numbers written out in JSON (the student build's larger recordings of expected values).

export function float64ToBase64(values: ArrayLike<number>): string {
  const view = new DataView(new ArrayBuffer(values.length * 8));
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i]!, true);
  const bytes = new Uint8Array(view.buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function float64FromBase64(text: string): Float64Array {
  const binary = atob(text);
  if (binary.length % 8 !== 0) throw new Error(`${binary.length} bytes are not a whole number of float64 values`);
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  const out = new Float64Array(binary.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}
