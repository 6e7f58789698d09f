// Relaxed SIMD for one test file: Node 20 compiles it only behind a V8 flag, which the run child
// gets on its command line; a test file turns it on for its own suite and off again afterwards,
// since the other files expect this process's default (the SIMD128 build, bit-identical to XNNPACK).
import { strict as assert } from 'node:assert';
import { setFlagsFromString } from 'node:v8';
import { relaxedSimdAvailable } from '../../../src/core/tfjsWasm/simdGemm';

const RELAXED_FLAG = '--experimental-wasm-relaxed-simd';

/** Registers the suite's `before` and `after` hooks that turn relaxed SIMD on and back off. */
export function useRelaxedSimd(): void {
  let flagSet = false;
  before(() => {
    if (!relaxedSimdAvailable(true)) {
      setFlagsFromString(RELAXED_FLAG);
      flagSet = true;
    }
    assert.ok(relaxedSimdAvailable(true), `relaxed SIMD compiles (with ${RELAXED_FLAG} on Node 20)`);
  });
  after(() => {
    if (flagSet) setFlagsFromString(RELAXED_FLAG.replace('--', '--no-'));
    relaxedSimdAvailable(true);
  });
}
