// Helpers for the tests of the lab's wasm kernel replacements (src/core/tfjsWasm/*Fix.ts): run code
// on the stock kernel, check install/uninstall, and validate a hand-assembled SIMD module.
import assert from 'node:assert/strict';

export interface KernelPatch {
  install(): boolean;
  uninstall(): boolean;
}

/** f() with the patch removed (initBackend installed it), put back afterwards. */
export function withStock<T>(patch: KernelPatch, f: () => T): T {
  const removed = patch.uninstall();
  try {
    return f();
  } finally {
    if (removed) patch.install();
  }
}

/** initBackend installed the patch; installing again does nothing; uninstalling once restores it. */
export function assertInstalledOnce(patch: KernelPatch): void {
  assert.equal(patch.install(), false, 'already installed');
  assert.equal(patch.uninstall(), true);
  assert.equal(patch.uninstall(), false);
  assert.equal(patch.install(), true);
}

/** The module assembled for a plain and for a shared (threaded build) memory both validate. */
export function assertValidModule(bytes: (shared: boolean) => Uint8Array): void {
  const wa = (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly;
  assert.equal(wa.validate(bytes(false)), true, 'plain memory');
  assert.equal(wa.validate(bytes(true)), true, 'shared memory');
}
