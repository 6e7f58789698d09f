// A copy-free Identity for tfjs-wasm. The engine clones every tensor a gradient will need
// (saveTensorsForBackwardMode → tf.clone → the Identity kernel), and the stock wasm Identity copies
// the whole buffer: in a dense network's training step that is a copy of every weight matrix per
// step (e.g. 3.6 M floats for 784-1000-1000-1000-784). Tensors are immutable, so the CPU and WebGL
// backends' Identity shares the input's buffer (one more reference); this does the same on wasm.
//
// Kernels that need an Identity inside the wasm backend (Cast to the same dtype, a no-op Slice…)
// call the stock function directly and keep copying; only the registry's Identity changes: tf.clone
// and the gradient tape.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { patchWasmKernel, unpatchWasmKernel } from './kernelPatch';

interface RefCountingBackend {
  incRef(dataId: object): void;
}

function sharedIdentity(stock: KernelConfig): KernelFunc {
  const fixed: KernelFunc = ({ inputs, backend, attrs }) => {
    const x = inputs.x as TensorInfo;
    const b = backend as unknown as Partial<RefCountingBackend>;
    if (x.dtype === 'string' || typeof b.incRef !== 'function') return stock.kernelFunc({ inputs, backend, attrs });
    b.incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
  return fixed;
}

/** Replaces the wasm Identity kernel; true when it replaced it now (idempotent). */
export function installSharedIdentity(): boolean {
  return patchWasmKernel('Identity', sharedIdentity);
}

/** Puts the stock (copying) Identity back; true when it removed the installed one. */
export function uninstallSharedIdentity(): boolean {
  return unpatchWasmKernel('Identity');
}
