// An esbuild plugin that assembles the lab's WebAssembly text kernels (src/core/tfjsWasm/kernels/*.wat)
// at build time with wabt (the wabt.js port of the WebAssembly Binary Toolkit, a devDependency).
// `import kernel from './kernels/x.wat'` gives { plain, shared }: the module's bytes for a plain
// memory and for a shared one (the threaded tfjs-wasm build's heap is a SharedArrayBuffer). A kernel
// imports its memory as `(import "env" "memory" (memory 1))`; the shared variant rewrites that
// import to `(memory 1 65536 shared)`. Nothing is assembled at run time.
import { readFile } from 'node:fs/promises';
import wabtInit from 'wabt';

const MEMORY_IMPORT = '(import "env" "memory" (memory 1))';
const FEATURES = { simd: true, relaxed_simd: true, threads: true, multi_value: true };

let wabt;

/** The .wat source assembled to bytes (throws with wabt's message on a syntax or type error). */
export async function assembleWat(fileName, source) {
  wabt ??= await wabtInit();
  const module = wabt.parseWat(fileName, source, FEATURES);
  try {
    // Type errors surface at parse; the engine validates the bytes (the unit tests do, per kernel).
    // (wabt.js's validate() ignores the features given to parseWat and refuses shared memories.)
    return module.toBinary({ log: false }).buffer;
  } finally {
    module.destroy();
  }
}

export function watPlugin() {
  return {
    name: 'wat',
    setup(build) {
      build.onLoad({ filter: /\.wat$/ }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        if (!source.includes(MEMORY_IMPORT)) {
          return { errors: [{ text: `${path}: a kernel imports its memory as ${MEMORY_IMPORT}` }] };
        }
        try {
          const plain = await assembleWat(path, source);
          const shared = await assembleWat(
            path,
            source.replace(MEMORY_IMPORT, '(import "env" "memory" (memory 1 65536 shared))'),
          );
          const bytes = (b) => `new Uint8Array([${Array.from(b).join(',')}])`;
          return { contents: `export default { plain: ${bytes(plain)}, shared: ${bytes(shared)} };`, loader: 'js' };
        } catch (e) {
          return { errors: [{ text: `${path}: ${e instanceof Error ? e.message : String(e)}` }] };
        }
      });
    },
  };
}
