// The sweep: time and peak tensor memory of one attention function over N at a given D (M = D).
// Time is the median wall time of `repeats` calls after one warm-up call, each including the
// readback of the result (await data(): on GPU backends the kernels run asynchronously). Memory is
// measured on the warm-up call under tf.profile: its peakBytes (the largest total of live tensor
// bytes after any kernel) minus the bytes live before the call, i.e. the peak of the tensors the
// call itself allocates (its output included, its inputs not). Kernel-internal scratch memory of
// the backend is not counted. Each series (form, D) also gets its fixed cost per call: the fastest
// call at a tiny N (FLOOR_N), which the judge's time fit subtracts and uses to drop the sizes whose
// time is mostly that overhead (fit.ts, fitTime). The linear form is cheap, so its series may go on
// past the sweep's largest N (linearMaxN), where its growth shows above the overhead, as long as a
// call stays under maxCallMs / 5 and its memory under maxBytes.
import * as tf from '@tensorflow/tfjs-core';
import type { CancelSignal } from '../../engine/cancel';
import { yieldToEventLoop } from '../../engine/cancel';
import { createRng } from '../../engine/rng';
import { expectTensor, tidyStudent } from '../../studentTensors';
import type { AttentionForm, Implementation, SweepPoint } from './artifact';
import { disposeInputs, randomInputs } from './inputs';
import { MARKERS } from './meta';
import type { AttentionFn, KernelAttentionSolution } from './solution';

export const FORMS: readonly AttentionForm[] = ['softmax', 'linear'];

const FORM_EXPORT = { softmax: 'softmaxAttention', linear: 'kernelAttentionLinear' } as const;
const FORM_MARKER = { softmax: MARKERS.softmax, linear: MARKERS.linear } as const;

export function attentionOf(
  solution: KernelAttentionSolution,
  form: AttentionForm,
): { fn: AttentionFn; marker: string; name: string } {
  return { fn: solution[FORM_EXPORT[form]], marker: FORM_MARKER[form], name: FORM_EXPORT[form] };
}

export interface Measurement {
  /** The median of the timed calls. */
  ms: number;
  bytes: number;
  /** The timed calls, in the order they ran. */
  runs: number[];
}

/** The tiny N at which a series' fixed cost per call is measured. */
export const FLOOR_N = 16;

/** Times one attention function on seeded inputs of size N, D, M (see the header for what is measured). */
export async function measureAttention(
  solution: KernelAttentionSolution,
  form: AttentionForm,
  N: number,
  D: number,
  M: number,
  repeats: number,
  seed: number,
  slowMs = Infinity,
): Promise<Measurement> {
  const { fn, marker, name } = attentionOf(solution, form);
  const inputs = randomInputs(createRng(seed), N, D, M);
  const what = `${name}(Q [${N}, ${D}], K [${N}, ${D}], V [${N}, ${M}])`;
  const call = (): tf.Tensor => {
    const value = tidyStudent(marker, what, () => fn(inputs.Q, inputs.K, inputs.V));
    try {
      return expectTensor(value, [N, M], what, marker);
    } catch (err) {
      tf.dispose(value as tf.TensorContainer); // a wrong shape is still a tensor to free
      throw err;
    }
  };
  try {
    const bytesBefore = tf.memory().numBytes;
    const warmStarted = tf.util.now();
    let warm: tf.Tensor | undefined;
    let failure: unknown;
    // tf.profile leaves the engine in profiling mode when its function throws: catch inside.
    const profile = await tf.profile(() => {
      try {
        warm = call();
      } catch (err) {
        failure = err;
      }
      return warm;
    });
    if (failure !== undefined) throw failure;
    // a call slower than slowMs (a slow backend, a slow solution) is timed once, not `repeats` times
    const timed = tf.util.now() - warmStarted > slowMs ? 1 : repeats;
    const outputBytes = warm ? warm.size * 4 : 0;
    tf.dispose(warm);
    const peak = Number.isFinite(profile.peakBytes) ? profile.peakBytes - bytesBefore : outputBytes;
    const times: number[] = [];
    for (let r = 0; r < timed; r++) {
      const started = tf.util.now();
      const out = call();
      await out.data();
      times.push(tf.util.now() - started);
      out.dispose();
    }
    const sorted = [...times].sort((a, b) => a - b);
    return { ms: sorted[Math.floor(sorted.length / 2)]!, bytes: Math.max(peak, outputBytes), runs: times };
  } finally {
    disposeInputs(inputs);
  }
}

export interface SweepOptions {
  implementation: Implementation;
  Ns: readonly number[];
  Ds: readonly number[];
  repeats: number;
  seed: number;
  /** A series (form, D) stops growing N once one call took longer than this. */
  maxCallMs: number;
  /** The linear form's series goes on doubling N past the largest of Ns up to this N (default: no further). */
  linearMaxN?: number;
  /** Such a further size is measured only when its peak tensor memory, extrapolated, stays under this. */
  maxBytes?: number;
  signal: CancelSignal;
  /** Called after every point with the fraction of this sweep done (by FLOP-weighted work). */
  onPoint?(point: SweepPoint, fraction: number, message: string): void;
  /** Called when a series is cut short: `further` when only the linear form's further sizes are left out (as planned). */
  onSkip?(message: string, further?: boolean): void;
}

/** The sizes of each form's series: Ns, and for the linear form doublings past them up to linearMaxN. */
export function seriesSizes(Ns: readonly number[], linearMaxN = 0): Record<AttentionForm, number[]> {
  const softmax = [...new Set(Ns)].sort((a, b) => a - b);
  const linear = [...softmax];
  for (let n = 2 * softmax[softmax.length - 1]!; n <= linearMaxN; n *= 2) linear.push(n);
  return { softmax, linear };
}

/**
 * Default memory cap of the linear form's further sizes: what softmax attention's 8192² scores take
 * already. (Their calls are capped too, at maxCallMs / 5: the further sizes are for a form that is cheap.)
 */
export const MAX_SWEEP_BYTES = 600 * 2 ** 20;

/** Sweeps both forms over Ns at every D (M = D), the linear form on to linearMaxN; each series starts with its fixed cost. */
export async function runSweep(solution: KernelAttentionSolution, options: SweepOptions): Promise<SweepPoint[]> {
  const points: SweepPoint[] = [];
  const sizes = seriesSizes(options.Ns, options.linearMaxN);
  const largest = Math.max(...options.Ns);
  const maxBytes = options.maxBytes ?? MAX_SWEEP_BYTES;
  // further sizes are for the cheap form only: each call within a fifth of maxCallMs
  const furtherCallMs = options.maxCallMs / 5;
  const work = (N: number, D: number): number => N * N * D + N * D * D * D;
  const total = options.Ds.reduce(
    (s, D) => s + FORMS.reduce((t, form) => t + sizes[form].reduce((u, N) => u + work(N, D), 0), 0),
    0,
  );
  let done = 0;
  for (const D of options.Ds) {
    const stopped = new Set<AttentionForm>();
    const floors = new Map<AttentionForm, number>();
    const last = new Map<AttentionForm, SweepPoint[]>(FORMS.map((f) => [f, []]));
    for (const form of FORMS) {
      options.signal.throwIfCancelled();
      await yieldToEventLoop();
      const floor = await measureAttention(solution, form, FLOOR_N, D, D, options.repeats, options.seed + D);
      floors.set(form, Math.min(...floor.runs));
    }
    for (const N of sizes.linear) {
      for (const form of FORMS) {
        if (!sizes[form].includes(N)) continue;
        done += work(N, D);
        if (stopped.has(form)) continue;
        const series = last.get(form)!;
        const [prev, lastPoint] = [series[series.length - 2], series[series.length - 1]];
        if (N > largest && lastPoint) {
          // a further size: only while the doubling's time and memory stay within bounds
          const growth = prev ? Math.max(2, lastPoint.bytes / Math.max(prev.bytes, 1)) : 2;
          const why =
            2 * lastPoint.ms > furtherCallMs
              ? `a call would take over ${furtherCallMs} ms`
              : lastPoint.bytes * growth > maxBytes
                ? `its tensors would pass ${formatBytes(maxBytes)}`
                : undefined;
          if (why) {
            stopped.add(form);
            options.onSkip?.(
              `${options.implementation} ${form} attention at D = ${D}: N = ${N} and beyond not measured (${why}).`,
              true,
            );
            continue;
          }
        }
        options.signal.throwIfCancelled();
        await yieldToEventLoop();
        const m = await measureAttention(
          solution,
          form,
          N,
          D,
          D,
          options.repeats,
          options.seed + N + D,
          options.maxCallMs,
        );
        const point: SweepPoint = {
          implementation: options.implementation,
          form,
          N,
          D,
          M: D,
          ms: m.ms,
          bytes: m.bytes,
          runs: m.runs,
          floorMs: floors.get(form)!,
        };
        points.push(point);
        series.push(point);
        options.onPoint?.(
          point,
          done / total,
          `${options.implementation} ${form} attention, D = ${D}, N = ${N}: ${m.ms.toFixed(1)} ms, ${formatBytes(m.bytes)}`,
        );
        if (m.ms > options.maxCallMs && N !== Math.max(...sizes[form])) {
          stopped.add(form);
          options.onSkip?.(
            `${options.implementation} ${form} attention at D = ${D} took ${Math.round(m.ms)} ms at N = ${N} (over ${options.maxCallMs} ms): larger N skipped.`,
          );
        }
      }
    }
  }
  return points;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1 << 30) return `${(bytes / (1 << 30)).toFixed(2)} GB`;
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MB`;
  return `${(bytes / 1024).toFixed(1)} kB`;
}
