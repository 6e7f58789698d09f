// The inputs of problem 4's value checks, drawn from the run's seed: shared by the checks and by the
// staff-side recorder of their expectations (expected.staff.ts).
import { createRng, type Rng } from '../../engine/rng';
import type { Layer64, Params64 } from './params64';
import type { Activation } from './solution';

/** The forward check's batch: 4 rows of 7 features. */
export const FORWARD_ROWS = 4,
  FORWARD_IN = 7;

export interface ForwardCase {
  activation: Activation;
  widths: number[];
  params: Params64;
}

/** x, and a linear (7-3-7) and a ReLU (7-5-3-5-7) autoencoder's parameters. */
export function forwardInputs(seed: number): { x: Float64Array; cases: ForwardCase[] } {
  const rng = createRng(seed ^ 0x4ae4);
  const x = Float64Array.from(new Float32Array(FORWARD_ROWS * FORWARD_IN).map(() => rng.normal()));
  const shapes: [Activation, number[]][] = [
    ['linear', [FORWARD_IN, 3, FORWARD_IN]],
    ['relu', [FORWARD_IN, 5, 3, 5, FORWARD_IN]],
  ];
  return {
    x,
    cases: shapes.map(([activation, widths]) => ({
      activation,
      widths,
      params: randomParams(rng, widths, activation),
    })),
  };
}

/** The loss check's random batch: x and x̂, 5 × 9. */
export function lossBatch(seed: number): { a: Float32Array; b: Float32Array; rows: number; cols: number } {
  const rng = createRng(seed ^ 0x1055);
  const rows = 5,
    cols = 9;
  const a = new Float32Array(rows * cols).map(() => rng.normal());
  const b = new Float32Array(rows * cols).map(() => rng.normal());
  return { a, b, rows, cols };
}

export function randomParams(rng: Rng, widths: number[], activation: Activation): Params64 {
  const layers = widths.slice(1).map((out, l): Layer64 => {
    const inn = widths[l]!;
    const scale = 1 / Math.sqrt(inn);
    // float32-representable values, so the tensors hold exactly what the float64 pass uses
    return {
      in: inn,
      out,
      w: Float64Array.from(new Float32Array(inn * out).map(() => rng.normal() * scale)),
      b: Float64Array.from(new Float32Array(out).map(() => rng.normal() * 0.3)),
    };
  });
  const half = (widths.length - 1) / 2;
  return { encoder: layers.slice(0, half), decoder: layers.slice(half), activation };
}

/** Logits and labels the accuracy is checked on: random, ties (the first largest logit wins), all right, all wrong, one row. */
export function accuracyCases(seed: number): { name: string; logits: number[][]; labels: number[] }[] {
  const rng = createRng(seed ^ 0xacc);
  const rows = 57,
    classes = 10;
  const logits = Array.from({ length: rows }, () => Array.from({ length: classes }, () => rng.normal()));
  const labels = Array.from({ length: rows }, (_, i) =>
    i % 3 === 0 ? logits[i]!.indexOf(Math.max(...logits[i]!)) : rng.int(classes),
  );
  return [
    { name: `random logits (${rows} × ${classes})`, logits, labels },
    {
      name: 'ties (the first largest logit is the prediction)',
      logits: [
        [1, 1, 0],
        [0, 2, 2],
        [3, 3, 3],
        [0, 5, 5],
      ],
      labels: [0, 1, 0, 2],
    },
    {
      name: 'every prediction right',
      logits: [
        [2, 1],
        [0, 1],
        [5, -1],
      ],
      labels: [0, 1, 0],
    },
    {
      name: 'every prediction wrong',
      logits: [
        [2, 1],
        [0, 1],
        [-5, 1],
      ],
      labels: [1, 0, 0],
    },
    { name: 'one row', logits: [[-1, -3, -2]], labels: [0] },
  ];
}
