// Staff side only (expected.staff.ts): the autoencoder's forward pass and its loss in float64 loops,
// what the q4.forward and q4.loss TODOs ask, so the student build ships their outputs on the check
// inputs instead (expected.student.ts).
import type { Forward64, Layer64, Params64 } from './params64';
import type { Activation } from './solution';

/** x (rows × in) through dense layers, `activation` between them and none after the last. */
export function dense64(
  x: Float64Array,
  rows: number,
  layers: Layer64[],
  activation: Activation,
  reluAfterLast = false,
): Float64Array {
  let h = x;
  layers.forEach((layer, l) => {
    const out = new Float64Array(rows * layer.out);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < layer.out; j++) {
        let s = layer.b[j]!;
        for (let i = 0; i < layer.in; i++) s += h[r * layer.in + i]! * layer.w[i * layer.out + j]!;
        out[r * layer.out + j] = activation === 'relu' && (l < layers.length - 1 || reluAfterLast) ? Math.max(0, s) : s;
      }
    }
    h = out;
  });
  return h;
}

/** The autoencoder in float64; the options produce the mistakes the forward check names. */
export function forward64(
  p: Params64,
  x: Float64Array,
  rows: number,
  mistakes: { reluAtBottleneck?: boolean; reluAtOutput?: boolean; activation?: Activation } = {},
): Forward64 {
  const activation = mistakes.activation ?? p.activation;
  const code = dense64(x, rows, p.encoder, activation, mistakes.reluAtBottleneck);
  const reconstruction = dense64(code, rows, p.decoder, activation, mistakes.reluAtOutput);
  return { code, reconstruction };
}

/** (1/B) Σ_i ‖x_i − x̂_i‖² in float64. */
export function loss64(x: ArrayLike<number>, r: ArrayLike<number>, rows: number): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - r[i]!) ** 2;
  return s / rows;
}
