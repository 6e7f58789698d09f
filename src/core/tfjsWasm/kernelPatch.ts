// Swapping a wasm kernel for a replacement that wraps it, and back: the one mechanism behind the
// matmul, Identity and Sum fixes. The replacement remembers the stock config it wraps (under a
// Symbol.for key, so every bundled copy of the lab recognises it), which makes installing
// idempotent and uninstalling exact.
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';

const STOCK_CONFIG = Symbol.for('hw6-lab.patchedKernel.stockConfig');

type PatchedKernelFunc = KernelFunc & { [STOCK_CONFIG]?: KernelConfig };

/** The stock config a patched kernel wraps; undefined for a stock (or missing) kernel. */
function stockConfigOf(config: KernelConfig | undefined): KernelConfig | undefined {
  return config ? (config.kernelFunc as PatchedKernelFunc)[STOCK_CONFIG] : undefined;
}

/**
 * Registers `replace(stock)` as the wasm kernel `name`, keeping the stock setupFunc/disposeFunc (a
 * re-initialised wasm backend must still set up the stock kernel). True when it replaced it now;
 * false when already patched or when the kernel is not registered.
 */
export function patchWasmKernel(name: string, replace: (stock: KernelConfig) => KernelFunc): boolean {
  const stock = tf.getKernel(name, 'wasm');
  if (!stock || stockConfigOf(stock)) return false;
  const patched: PatchedKernelFunc = replace(stock);
  patched[STOCK_CONFIG] = stock;
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ ...stock, kernelFunc: patched });
  return true;
}

/** Puts the stock wasm kernel `name` back; true when it removed a patch. */
export function unpatchWasmKernel(name: string): boolean {
  const stock = stockConfigOf(tf.getKernel(name, 'wasm'));
  if (!stock) return false;
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel(stock);
  return true;
}
