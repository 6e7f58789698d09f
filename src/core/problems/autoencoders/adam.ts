// Adam for problem 4's harness, fused: one pass over each variable per step instead of tfjs's
// ~15 elementwise kernels (each a full pass over 0.8–3.6 M floats). The update is tf.train.adam's:
//   m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  w ← w − lr·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε)
// On tfjs-wasm the moments live in JS Float32Arrays and the new weights are written by one JS loop
// straight into a fresh wasm-heap buffer that the variable then adopts (assign). Not in place: the
// wasm BatchMatMul caches XNNPACK operators (with a packed copy of the weights) by the weight
// tensor's id, so mutating a buffer under the same id would leave stale weights in the cache.
// Elsewhere (CPU, WebGL) the same update runs as a few tfjs ops.
import * as tf from '@tensorflow/tfjs';

export interface AdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  /** tf.train.adam's default: the backend's epsilon (1e-7 for float32). */
  epsilon?: number;
  /** 'auto': in place on the wasm heap when possible; 'ops': always tfjs ops (for comparisons). */
  mode?: 'auto' | 'ops';
}

/** The parts of tfjs-wasm's backend this optimiser reads (not in tfjs's public types). */
interface WasmBackendLike {
  wasm: { HEAPU8: Uint8Array };
  dataIdMap: { get(dataId: object): { memoryOffset: number | null; dtype: string } | undefined };
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

function wasmBackendOf(backend: tf.KernelBackend): WasmBackendLike | undefined {
  const b = backend as unknown as Partial<WasmBackendLike>;
  return b.wasm?.HEAPU8 && b.dataIdMap && typeof b.makeOutput === 'function' ? (b as WasmBackendLike) : undefined;
}

export class FusedAdam {
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly mode: 'auto' | 'ops';
  private t = 0;
  /** Moments on the JS side (heap path), one pair per variable. */
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  /** Moments as tensors (ops path), created on first use. */
  private mT: tf.Tensor[] | undefined;
  private vT: tf.Tensor[] | undefined;

  constructor(
    private readonly variables: tf.Variable[],
    private readonly options: AdamOptions,
  ) {
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? tf.backend().epsilon();
    this.mode = options.mode ?? 'auto';
    this.m = variables.map((v) => new Float32Array(v.size));
    this.v = variables.map((v) => new Float32Array(v.size));
  }

  /** Steps taken so far. */
  get iterations(): number {
    return this.t;
  }

  /** One update from gradients in the variables' order (or keyed by variable name). Does not dispose them. */
  applyGradients(grads: tf.Tensor[] | tf.NamedTensorMap): void {
    const list = Array.isArray(grads) ? grads : this.variables.map((v) => grads[v.name]);
    this.t++;
    const lr = this.options.learningRate;
    const c1 = 1 / (1 - this.beta1 ** this.t);
    const c2 = 1 / (1 - this.beta2 ** this.t);
    const backend = this.mode === 'auto' ? wasmBackendOf(tf.backend()) : undefined;
    this.variables.forEach((variable, i) => {
      const g = list[i];
      if (!g) throw new Error(`No gradient for variable ${variable.name}.`);
      if (!(backend && this.stepOnHeap(backend, variable, g, i, lr, c1, c2))) this.stepWithOps(variable, g, i, lr, c1, c2);
    });
  }

  private stepOnHeap(backend: WasmBackendLike, variable: tf.Variable, g: tf.Tensor, i: number, lr: number, c1: number, c2: number): boolean {
    if (this.mT) return false; // switched to ops once: stay there
    const wData = backend.dataIdMap.get(variable.dataId);
    const gData = backend.dataIdMap.get(g.dataId);
    if (!wData?.memoryOffset || !gData?.memoryOffset || wData.dtype !== 'float32' || gData.dtype !== 'float32') return false;
    const info = backend.makeOutput(variable.shape, 'float32'); // may grow the heap: take views after it
    const next = tf.engine().makeTensorFromTensorInfo(info);
    const buffer = backend.wasm.HEAPU8.buffer;
    const n = variable.size;
    const wOld = new Float32Array(buffer, wData.memoryOffset, n);
    const w = new Float32Array(buffer, backend.dataIdMap.get(info.dataId)!.memoryOffset!, n);
    const grad = new Float32Array(buffer, gData.memoryOffset, n);
    const m = this.m[i];
    const v = this.v[i];
    const { beta1: b1, beta2: b2, epsilon: eps } = this;
    const a1 = 1 - b1;
    const a2 = 1 - b2;
    for (let j = 0; j < n; j++) {
      const gj = grad[j];
      const mj = b1 * m[j] + a1 * gj;
      const vj = b2 * v[j] + a2 * gj * gj;
      m[j] = mj;
      v[j] = vj;
      w[j] = wOld[j] - (lr * mj * c1) / (Math.sqrt(vj * c2) + eps);
    }
    variable.assign(next);
    next.dispose();
    return true;
  }

  private stepWithOps(variable: tf.Variable, g: tf.Tensor, i: number, lr: number, c1: number, c2: number): void {
    if (!this.mT || !this.vT) {
      // Carry over the moments of the heap path so far.
      this.mT = this.variables.map((v, j) => tf.keep(tf.tensor(this.m[j], v.shape)));
      this.vT = this.variables.map((v, j) => tf.keep(tf.tensor(this.v[j], v.shape)));
    }
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
  }
}
