// Adam for problem 4's harness, fused: one pass over each variable per step instead of tfjs's
// ~15 elementwise kernels (each a full pass over 0.8–3.6 M floats). The update is tf.train.adam's:
//   m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  w ← w − lr·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε)
// On tfjs-wasm the new weights are written straight into a fresh wasm-heap buffer that the variable
// then adopts (assign): by the SIMD kernel of tfjsWasm/simdAdam.ts (moments in heap buffers), or by a
// JS loop (moments in Float32Arrays) where that kernel cannot compile. Not in place: the wasm
// BatchMatMul caches XNNPACK operators (with a packed copy of the weights) by the weight tensor's
// id, so mutating a buffer under the same id would leave stale weights in the cache.
// Elsewhere (CPU, WebGL) the same update runs as a few tfjs ops.
import * as tf from '@tensorflow/tfjs-core';
import { simdAdamFor, type SimdAdamFn } from '../../tfjsWasm/simdAdam';
import { splitAdamFor } from '../../tfjsWasm/helperThread';
import { asWasmBackend, heapMemory, heapOffset, type WasmBackendLike } from '../../tfjsWasm/wasmHeap';

export type AdamMode = 'auto' | 'simd' | 'js' | 'ops';

export interface AdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  /** tf.train.adam's default: the backend's epsilon (1e-7 for float32). */
  epsilon?: number;
  /** 'auto': SIMD on the wasm heap, else the JS loop, else tfjs ops; the others force one (tests, benchmarks). */
  mode?: AdamMode;
}

/** A float32 tensor of the shape in a fresh (uninitialised) wasm-heap buffer. */
function heapTensor(backend: WasmBackendLike, shape: number[]): tf.Tensor {
  return tf.engine().makeTensorFromTensorInfo(backend.makeOutput(shape, 'float32'));
}

export class FusedAdam {
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private t = 0;
  /** The path chosen at the first step. */
  private path: 'simd' | 'js' | 'ops' | undefined;
  private simd: SimdAdamFn | undefined;
  /** Moments: JS arrays (js path) or tensors (simd: heap buffers; ops). */
  private mJs: Float32Array[] = [];
  private vJs: Float32Array[] = [];
  private mT: tf.Tensor[] | undefined;
  private vT: tf.Tensor[] | undefined;

  constructor(
    private readonly variables: tf.Variable[],
    private readonly options: AdamOptions,
  ) {
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? tf.backend().epsilon();
  }

  /** Steps taken so far. */
  get iterations(): number {
    return this.t;
  }

  /** The update path in use ('simd', 'js' or 'ops'); undefined before the first step. */
  get kind(): 'simd' | 'js' | 'ops' | undefined {
    return this.path;
  }

  private choosePath(backend: WasmBackendLike | undefined): 'simd' | 'js' | 'ops' {
    const mode = this.options.mode ?? 'auto';
    if (mode === 'ops' || !backend) {
      if (mode === 'simd' || mode === 'js') throw new Error(`Adam mode '${mode}' needs the wasm backend.`);
      return 'ops';
    }
    if (mode === 'simd' || mode === 'auto') {
      this.simd = simdAdamFor(heapMemory(backend));
      if (this.simd) {
        const zeros = (v: tf.Variable) => {
          const t = tf.keep(heapTensor(backend, v.shape));
          const offset = heapOffset(backend, t)!;
          backend.wasm.HEAPU8.fill(0, offset, offset + 4 * v.size);
          return t;
        };
        this.mT = this.variables.map(zeros);
        this.vT = this.variables.map(zeros);
        return 'simd';
      }
      if (mode === 'simd') throw new Error('Adam mode simd: the SIMD kernel does not compile here.');
    }
    this.mJs = this.variables.map((v) => new Float32Array(v.size));
    this.vJs = this.variables.map((v) => new Float32Array(v.size));
    return 'js';
  }

  /** One update from gradients in the variables' order (or keyed by variable name). Does not dispose them. */
  applyGradients(grads: tf.Tensor[] | tf.NamedTensorMap): void {
    const list = Array.isArray(grads) ? grads : this.variables.map((v) => grads[v.name]);
    const backend = asWasmBackend(tf.backend());
    this.path ??= this.choosePath(backend);
    this.t++;
    const lr = this.options.learningRate;
    const c1 = 1 / (1 - this.beta1 ** this.t);
    const c2 = 1 / (1 - this.beta2 ** this.t);
    this.variables.forEach((variable, i) => {
      const g = list[i];
      if (!g) throw new Error(`No gradient for variable ${variable.name}.`);
      if (this.path === 'ops') return this.stepWithOps(variable, g, i, lr, c1, c2);
      if (!backend) throw new Error('The backend changed from wasm during training.');
      this.stepOnHeap(backend, variable, g, i, lr, c1, c2);
    });
  }

  private stepOnHeap(
    backend: WasmBackendLike,
    variable: tf.Variable,
    g: tf.Tensor,
    i: number,
    lr: number,
    c1: number,
    c2: number,
  ): void {
    const next = heapTensor(backend, variable.shape); // may grow the heap: take views after it
    const [wOld, w, grad] = [heapOffset(backend, variable), heapOffset(backend, next), heapOffset(backend, g)];
    if (wOld === undefined || w === undefined || grad === undefined) {
      next.dispose();
      throw new Error(`Adam: variable ${variable.name} or its gradient is not a float32 wasm buffer.`);
    }
    const n = variable.size;
    const { beta1: b1, beta2: b2, epsilon: eps } = this;
    if (this.path === 'simd') {
      // on the threaded build, split with the lab's helper thread when it runs (same bits)
      (splitAdamFor(heapMemory(backend)) ?? this.simd!)(
        wOld,
        w,
        grad,
        heapOffset(backend, this.mT![i])!,
        heapOffset(backend, this.vT![i])!,
        n,
        lr * c1,
        c2,
        b1,
        1 - b1,
        b2,
        1 - b2,
        eps,
      );
    } else {
      const buffer = backend.wasm.HEAPU8.buffer;
      const before = new Float32Array(buffer, wOld, n);
      const after = new Float32Array(buffer, w, n);
      const gv = new Float32Array(buffer, grad, n);
      const [m, v] = [this.mJs[i], this.vJs[i]];
      const [a1, a2] = [1 - b1, 1 - b2];
      for (let j = 0; j < n; j++) {
        const gj = gv[j];
        const mj = b1 * m[j] + a1 * gj;
        const vj = b2 * v[j] + a2 * gj * gj;
        m[j] = mj;
        v[j] = vj;
        after[j] = before[j] - (lr * mj * c1) / (Math.sqrt(vj * c2) + eps);
      }
    }
    variable.assign(next);
    next.dispose();
  }

  private stepWithOps(variable: tf.Variable, g: tf.Tensor, i: number, lr: number, c1: number, c2: number): void {
    this.mT ??= this.variables.map((v) => tf.keep(tf.zeros(v.shape)));
    this.vT ??= this.variables.map((v) => tf.keep(tf.zeros(v.shape)));
    const [mOld, vOld] = [this.mT[i], this.vT[i]];
    const [m, v] = tf.tidy(() => {
      const m = tf.add(tf.mul(mOld, this.beta1), tf.mul(g, 1 - this.beta1));
      const v = tf.add(tf.mul(vOld, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
      variable.assign(tf.sub(variable, tf.div(tf.mul(m, lr * c1), tf.add(tf.sqrt(tf.mul(v, c2)), this.epsilon))));
      return [tf.keep(m), tf.keep(v)];
    });
    mOld.dispose();
    vOld.dispose();
    this.mT[i] = m;
    this.vT[i] = v;
  }

  dispose(): void {
    tf.dispose(this.mT ?? []);
    tf.dispose(this.vT ?? []);
    this.mT = this.vT = undefined;
    this.mJs = [];
    this.vJs = [];
  }
}
