// Gunzip that notices damage: fflate inflates without checking the gzip trailer, so a file that was
// truncated or had bytes changed could decode into wrong pixels silently. Here the CRC-32 and the
// length in the trailer are verified, and every failure is one plain message the caller can prefix
// with the file's name.
import { gunzipSync } from 'fflate';
import { crc32 } from '../crc32';

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export class GunzipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GunzipError';
  }
}

/** The decompressed bytes of a single-member gzip file; throws GunzipError when it is damaged. */
export function gunzipChecked(bytes: Uint8Array): Uint8Array {
  if (!isGzip(bytes)) throw new GunzipError('not gzip data (no 1f 8b signature)');
  if (bytes.length < 18)
    throw new GunzipError(`gzip data truncated (${bytes.length} bytes, shorter than a gzip header and trailer)`);
  let out: Uint8Array;
  try {
    out = gunzipSync(bytes);
  } catch (e) {
    throw new GunzipError(`corrupt or truncated gzip data (${(e as Error).message})`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const crc = view.getUint32(bytes.length - 8, true);
  const size = view.getUint32(bytes.length - 4, true);
  if (size !== out.length >>> 0)
    throw new GunzipError(`corrupt or truncated gzip data (trailer says ${size} bytes, inflated ${out.length})`);
  if (crc !== crc32(out)) throw new GunzipError('corrupt gzip data (CRC-32 mismatch)');
  return out;
}
