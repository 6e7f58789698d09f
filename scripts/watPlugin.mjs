// An esbuild plugin that assembles the lab's WebAssembly text kernels (src/core/tfjsWasm/kernels/*.wat)
// at build time with wabt (the wabt.js port of the WebAssembly Binary Toolkit, a devDependency).
// `import kernel from './kernels/x.wat'` gives { plain, shared }: the module's bytes for a plain
// memory and for a shared one (the threaded tfjs-wasm build's heap is a SharedArrayBuffer). A kernel
// imports its memory as `(import "env" "memory" (memory 1))`; the shared variant rewrites that
// import to `(memory 1 65536 shared)`. A kernel written with f32x4.relaxed_madd (fused multiply-add,
// relaxed SIMD) also gets `fallback`: the same module with each relaxed_madd(a, b, c) rewritten to
// f32x4.add(c, f32x4.mul(a, b)), for engines without relaxed SIMD. Nothing is assembled at run time.
import { readFile } from 'node:fs/promises';
import wabtInit from 'wabt';

const MEMORY_IMPORT = '(import "env" "memory" (memory 1))';
const SHARED_MEMORY_IMPORT = '(import "env" "memory" (memory 1 65536 shared))';
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

const MADD = '(f32x4.relaxed_madd';

/** The end (exclusive) of the S-expression or token starting at or after `from`. */
function expressionEnd(text, from) {
  let i = from;
  while (/\s/.test(text[i])) i++;
  if (text[i] !== '(') return text.slice(i).search(/[\s)]/) + i;
  for (let depth = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  throw new Error('unbalanced parentheses');
}

/** Every (f32x4.relaxed_madd a b c) as (f32x4.add c (f32x4.mul a b)): plain SIMD128. */
export function withoutRelaxedMadd(source) {
  let out = source;
  for (let at = out.indexOf(MADD); at >= 0; at = out.indexOf(MADD)) {
    const operands = [];
    let end = at + MADD.length;
    for (let n = 0; n < 3; n++) {
      const next = expressionEnd(out, end);
      operands.push(out.slice(end, next).trim());
      end = next;
    }
    const close = expressionEnd(out, at);
    const [a, b, c] = operands;
    out = `${out.slice(0, at)}(f32x4.add ${c} (f32x4.mul ${a} ${b}))${out.slice(close)}`;
  }
  return out;
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
        const bytes = (b) => `new Uint8Array([${Array.from(b).join(',')}])`;
        const variants = async (text) => {
          const plain = await assembleWat(path, text);
          const shared = await assembleWat(path, text.replace(MEMORY_IMPORT, SHARED_MEMORY_IMPORT));
          return `plain: ${bytes(plain)}, shared: ${bytes(shared)}`;
        };
        try {
          const fallback = source.includes(MADD) ? `, fallback: { ${await variants(withoutRelaxedMadd(source))} }` : '';
          return { contents: `export default { ${await variants(source)}${fallback} };`, loader: 'js' };
        } catch (e) {
          return { errors: [{ text: `${path}: ${e instanceof Error ? e.message : String(e)}` }] };
        }
      });
    },
  };
}
