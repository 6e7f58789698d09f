// The sweep: time and peak tensor memory of one attention function over N at a given D (M = D).
// Time is the median wall time of `repeats` calls after one warm-up call, each including the
// readback of the result (await data(): on GPU backends the kernels run asynchronously). Memory is
// measured on the warm-up call under tf.profile: its peakBytes (the largest total of live tensor
// bytes after any kernel) minus the bytes live before the call, i.e. the peak of the tensors the
// call itself allocates (its output included, its inputs not). Kernel-internal scratch memory of
// the backend is not counted.
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
  ms: number;
  bytes: number;
}

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
    times.sort((a, b) => a - b);
    return { ms: times[Math.floor(times.length / 2)]!, bytes: Math.max(peak, outputBytes) };
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
  signal: CancelSignal;
  /** Called after every point with the fraction of this sweep done (by FLOP-weighted work). */
  onPoint?(point: SweepPoint, fraction: number, message: string): void;
  /** Called when a series is cut short. */
  onSkip?(message: string): void;
}

/** Sweeps both forms over Ns at every D (M = D). */
export async function runSweep(solution: KernelAttentionSolution, options: SweepOptions): Promise<SweepPoint[]> {
  const points: SweepPoint[] = [];
  const work = (N: number, D: number): number => N * N * D + N * D * D * D;
  const total = options.Ds.reduce((s, D) => s + options.Ns.reduce((t, N) => t + 2 * work(N, D), 0), 0);
  let done = 0;
  for (const D of options.Ds) {
    const stopped = new Set<AttentionForm>();
    for (const N of [...options.Ns].sort((a, b) => a - b)) {
      for (const form of FORMS) {
        done += work(N, D);
        if (stopped.has(form)) continue;
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
        };
        points.push(point);
        options.onPoint?.(
          point,
          done / total,
          `${options.implementation} ${form} attention, D = ${D}, N = ${N}: ${m.ms.toFixed(1)} ms, ${formatBytes(m.bytes)}`,
        );
        if (m.ms > options.maxCallMs && N !== Math.max(...options.Ns)) {
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
