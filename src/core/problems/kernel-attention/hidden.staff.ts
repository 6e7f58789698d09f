// Problem 3's hidden checks, run only in grading runs (`grading: true`, set by the staff's CLI) and
// kept out of the student build (hidden.ts). The visible checks use one shape (N = 48 queries and
// keys, D = 6, M = 5) with N(0, 1) entries; these add:
// - q3.hidden-shapes: the four attention functions at more shapes and seeds, with as many queries as
//   keys or not (a single query, a single key, D = 1), against float64 (float64.ts);
// - q3.hidden-large-scores: softmax attention on scores of ~±100, where exp overflows float32 unless
//   the softmax is shifted by its row maximum.
import type { Finding } from '../../engine/events';
import { createRng } from '../../engine/rng';
import { wireTensor } from '../../engine/wire';
import type { ChildCalls } from '../../problem';
import { finding, guarded } from '../findings';
import { difference } from './difference';
import { kernel64, kernelAttention64, matrix, softmaxAttention64, type KernelVariant, type Matrix } from './float64';
import { MARKERS } from './meta';
import { readTensor, valueOf } from './wireValues';
import { RELATIVE_TOLERANCE } from './checks';

interface Case {
  Nq: number;
  Nk: number;
  D: number;
  M: number;
  /** Standard deviation of the entries. */
  scale: number;
  seed: number;
}

/** (queries, keys, D, M): unequal query and key counts, single rows, D = 1, wider D and M. */
const SHAPES: readonly [number, number, number, number][] = [
  [5, 11, 4, 3],
  [17, 6, 3, 7],
  [1, 9, 5, 2],
  [8, 1, 2, 4],
  [12, 12, 1, 3],
  [33, 40, 12, 9],
  [64, 20, 8, 16],
];

export function hiddenCases(seed: number): { shapes: Case[]; large: Case[] } {
  const shapes = SHAPES.map(([Nq, Nk, D, M], i) => ({ Nq, Nk, D, M, scale: 1, seed: 9100 + 100 * seed + i }));
  // entries N(0, 10²) at D = 12: scores qᵀk/√D of ~±100 (e^100 overflows float32)
  const large = [0, 1].map((i) => ({ Nq: 16, Nk: 24, D: 12, M: 4, scale: 10, seed: 9200 + 100 * seed + i }));
  return { shapes, large };
}

interface Inputs {
  c: Case;
  Q: Matrix;
  K: Matrix;
  V: Matrix;
}

function inputsOf(c: Case): Inputs {
  const rng = createRng(c.seed);
  const draw = (rows: number, cols: number): Matrix =>
    matrix(
      rows,
      cols,
      Float32Array.from({ length: rows * cols }, () => c.scale * rng.normal()),
    );
  return { c, Q: draw(c.Nq, c.D), K: draw(c.Nk, c.D), V: draw(c.Nk, c.M) };
}

const wire = (m: Matrix) => wireTensor(m.data, [m.rows, m.cols]);
const describe = ({ c }: Inputs): string => `${c.Nq} queries, ${c.Nk} keys, D = ${c.D}, M = ${c.M}`;
const sci = (x: number): string => (Number.isFinite(x) ? x.toExponential(1) : String(x));

/** The relative difference of `got` from `want`, or why it cannot be read. */
function compare(value: unknown, want: Matrix, what: string, marker: string): number {
  return difference(readTensor(value, [want.rows, want.cols], what, marker), want.data).relative;
}

export async function hiddenChecks(child: ChildCalls, seed: number): Promise<Finding[]> {
  const cases = hiddenCases(seed);
  const shapes = cases.shapes.map(inputsOf);
  const large = cases.large.map(inputsOf);
  const all = [...shapes, ...large];
  const softmax = await child.call(
    MARKERS.softmax,
    'softmaxAttention',
    all.map((i) => [wire(i.Q), wire(i.K), wire(i.V)]),
  );
  const kernel = await child.call(
    MARKERS.kernel,
    'quadraticKernel',
    shapes.map((i) => [wire(i.Q), wire(i.K)]),
  );
  const quadratic = await child.call(
    MARKERS.quadratic,
    'kernelAttentionQuadratic',
    shapes.map((i) => [wire(i.Q), wire(i.K), wire(i.V)]),
  );
  const linear = await child.call(
    MARKERS.linear,
    'kernelAttentionLinear',
    shapes.map((i) => [wire(i.Q), wire(i.K), wire(i.V)]),
  );
  const shapesFinding = await guarded('q3.hidden-shapes', MARKERS.linear, () => {
    for (const [n, input] of shapes.entries()) {
      const { Q, K, V } = input;
      const where = describe(input);
      const fail = (marker: string, what: string, relative: number) =>
        finding(
          'q3.hidden-shapes',
          marker,
          false,
          `${what} (${where}) differs from float64 by ${sci(relative)} relative (allowed ${sci(RELATIVE_TOLERANCE)}).`,
          'more shapes ✗',
        );
      const s = compare(valueOf(softmax[n]), softmaxAttention64(Q, K, V), 'softmaxAttention', MARKERS.softmax);
      if (!(s <= RELATIVE_TOLERANCE)) return fail(MARKERS.softmax, 'softmaxAttention', s);
      // either kernel variant is accepted, as by q3.quadratic-kernel; eq. 3 and eq. 5 must use it
      const kernelValue = valueOf(kernel[n]);
      const variants: KernelVariant[] = ['inhomogeneous', 'homogeneous'];
      const errors = variants.map((v) => compare(kernelValue, kernel64(Q, K, v), 'quadraticKernel', MARKERS.kernel));
      const best = errors[0]! <= errors[1]! ? 0 : 1;
      if (!(errors[best]! <= RELATIVE_TOLERANCE)) return fail(MARKERS.kernel, 'quadraticKernel', errors[0]!);
      const want = kernelAttention64(Q, K, V, variants[best]!);
      const q = compare(valueOf(quadratic[n]), want, 'kernelAttentionQuadratic', MARKERS.quadratic);
      if (!(q <= RELATIVE_TOLERANCE)) return fail(MARKERS.quadratic, 'kernelAttentionQuadratic', q);
      const l = compare(valueOf(linear[n]), want, 'kernelAttentionLinear', MARKERS.linear);
      if (!(l <= RELATIVE_TOLERANCE)) return fail(MARKERS.linear, 'kernelAttentionLinear', l);
    }
    return finding(
      'q3.hidden-shapes',
      MARKERS.linear,
      true,
      `softmax attention, the kernel, eq. 3 and eq. 5 match float64 at ${shapes.length} more shapes.`,
      'more shapes ✓',
    );
  });
  const largeFinding = await guarded('q3.hidden-large-scores', MARKERS.softmax, () => {
    for (const [n, input] of large.entries()) {
      const r = compare(
        valueOf(softmax[shapes.length + n]),
        softmaxAttention64(input.Q, input.K, input.V),
        'softmaxAttention',
        MARKERS.softmax,
      );
      if (!(r <= RELATIVE_TOLERANCE))
        return finding(
          'q3.hidden-large-scores',
          MARKERS.softmax,
          false,
          `softmaxAttention on scores of about ±100 (${describe(input)}, entries N(0, 10²)) differs from float64 by ${sci(r)} relative: e^s overflows float32 past s ≈ 88 unless each row's maximum is subtracted first.`,
          'large scores ✗',
        );
    }
    return finding(
      'q3.hidden-large-scores',
      MARKERS.softmax,
      true,
      'softmaxAttention stays exact on scores of about ±100.',
      'large scores ✓',
    );
  });
  return [shapesFinding, largeFinding];
}
