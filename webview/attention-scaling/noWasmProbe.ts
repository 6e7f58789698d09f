// Imported before tfjs: tfjs-core bundles `long`, which at load time tries to instantiate a tiny
// WebAssembly module for a faster 64-bit multiply (and falls back to plain JS when that fails). This
// panel samples on tfjs's CPU backend and its CSP has no 'wasm-unsafe-eval', so the probe would be a
// CSP violation. Make it fail quietly instead, then put WebAssembly back (restoreWebAssembly).
// Typed without the DOM's WebAssembly declarations, so Node-side tests can load the sampler too.
const wasm = (globalThis as { WebAssembly?: { Module: unknown } }).WebAssembly;
const original = wasm?.Module;

if (wasm && original) {
  wasm.Module = function blockedProbe(): never {
    throw new Error('WebAssembly is not used by this panel');
  };
}

export function restoreWebAssembly(): void {
  if (wasm && original) wasm.Module = original;
}
