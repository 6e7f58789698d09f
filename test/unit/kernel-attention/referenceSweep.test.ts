// The lab's reference beside a student's Q3 run, made by the judge: with a reference child
// (JudgeContext.reference, here in this thread as the editor's and the CLI's runners start one in a
// process of its own) a judged run of a student's file asks it for the run's sweep (the child's
// `sweep` task, referenceRepeats timed calls per point), emits the fitted result as a judge-made
// `kernel-reference-sweep` artifact after the run's `kernel-attention` and puts the reference's fitted
// exponents into the metrics; without a reference child, in checks-only runs, with compareReference
// off and beside the reference's own run there is none. The panel's message, the merge the panel and
// the report draw (dashed reference series) and the report's merging follow.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { judgeLocally, type LocalOptions } from '../support/judgeLocal';
import { kernelAttentionProblem, type KernelAttentionConfig } from '../../../src/core/problems/kernel-attention';
import * as reference from '../../../src/core/problems/kernel-attention/reference';
import type {
  KernelAttentionArtifact,
  KernelReferenceSweepArtifact,
} from '../../../src/core/problems/kernel-attention/artifact';
import type { Artifact, RunEvent } from '../../../src/core/engine/events';
import {
  isKernelAttentionArtifact,
  isKernelReferenceSweepArtifact,
} from '../../../src/core/problems/kernel-attention/artifactValidate';
import { withReferenceSweep } from '../../../src/core/problems/kernel-attention/figures/kernelReference';
import { renderKernelCostSvg } from '../../../src/core/problems/kernel-attention/figures/kernelCharts';
import { parseToWebview } from '../../../src/core/protocol';
import { reportArtifacts } from '../../../src/core/report/blocks';
import { recordedKernelRun } from '../../webview/fixtures/kernelRun';
import { child } from './studentFile';

const SMALL: Partial<KernelAttentionConfig> = {
  quick: true,
  Ns: [32, 64, 128, 256],
  Ds: [4, 8],
  repeats: 1,
  growthNs: [64, 128, 256],
  growthD: 4,
  // the linear form no further than Ns (sweep.test.ts covers the further sizes)
  linearMaxN: 0,
  growthLinearMaxN: 0,
};

const configOf = (overrides: Partial<KernelAttentionConfig> = {}): KernelAttentionConfig => ({
  ...kernelAttentionProblem.defaultConfig(true),
  ...SMALL,
  ...overrides,
});

function runQ3(
  exports: object,
  overrides: Partial<KernelAttentionConfig> = {},
  options: LocalOptions = {},
): Promise<RunEvent[]> {
  return judgeLocally(kernelAttentionProblem, child, exports, configOf(overrides), options);
}

type Done = Extract<RunEvent, { type: 'done' }>;
const last = (events: RunEvent[]): RunEvent => events[events.length - 1]!;
const artifactsOf = (events: RunEvent[]): Artifact[] =>
  events.flatMap((e) => (e.type === 'artifact' ? [e.artifact] : []));
const referenceSweepsOf = (events: RunEvent[]): KernelReferenceSweepArtifact[] =>
  artifactsOf(events).filter((a): a is KernelReferenceSweepArtifact => a.kind === 'kernel-reference-sweep');
const doneOf = (events: RunEvent[]): Done => {
  const done = last(events);
  assert.equal(done.type, 'done', JSON.stringify(done));
  return done as Done;
};

/** The reference's exports, noting whether anything read them (a reference child that started loads them). */
function watchedReference(): { exports: object; touched: () => boolean } {
  let touched = false;
  const exports = new Proxy(reference, {
    get(target, key, receiver) {
      touched = true;
      return Reflect.get(target, key, receiver);
    },
  });
  return { exports, touched: () => touched };
}

describe("Q3: the lab's reference beside a student's run (the judge's kernel-reference-sweep)", function () {
  this.timeout(120_000);
  let tensorsBefore: number;
  before(async () => {
    await useTfBackend();
    tensorsBefore = tf.memory().numTensors;
  });

  it("with a reference child: one kernel-reference-sweep after the run's kernel-attention, the reference's fitted exponents in the metrics", async () => {
    // the reference's module stands in for a student's file: the run's own sweep is labelled 'student'
    const watched = watchedReference();
    const events = await runQ3(reference, {}, { reference: watched.exports });
    assert.ok(watched.touched(), 'the reference child was started');
    const done = doneOf(events);
    assert.equal(done.ok, true);
    const kinds = artifactsOf(events).map((a) => a.kind);
    assert.deepEqual(kinds, ['kernel-attention', 'kernel-reference-sweep']);
    const run = artifactsOf(events)[0] as KernelAttentionArtifact;
    assert.deepEqual(
      new Set(run.sweep.map((p) => p.implementation)),
      new Set(['student']),
      "the child's run: the student's sweep alone",
    );

    const [ref] = referenceSweepsOf(events);
    assert.ok(isKernelReferenceSweepArtifact(JSON.parse(JSON.stringify(ref))));
    assert.equal(ref!.sweep.length, 4 * 2 * 2, 'every N × D × form of the run');
    assert.deepEqual(
      ref!.sweep.map((p) => [p.form, p.N, p.D, p.M]).sort(),
      run.sweep.map((p) => [p.form, p.N, p.D, p.M]).sort(),
      "the same sizes as the student's sweep",
    );
    for (const p of ref!.sweep) {
      assert.equal(p.implementation, 'reference');
      assert.ok(p.ms > 0 && p.bytes >= p.N * p.D * 4, JSON.stringify(p));
    }
    assert.equal(ref!.fits.length, 2 * 2 * 2);
    assert.ok(ref!.fits.every((f) => f.implementation === 'reference'));
    // memory over the upper half of N; time where it rises over the fixed cost of a call (or not measurable)
    assert.ok(ref!.fits.filter((f) => f.cost === 'bytes').every((f) => f.nFrom === 128 && f.nTo === 256));
    assert.ok(
      ref!.fits
        .filter((f) => f.cost === 'ms')
        .every((f) => f.unmeasurable !== undefined || (f.nFrom >= 32 && f.nTo === 256)),
      JSON.stringify(ref!.fits),
    );
    assert.deepEqual(
      ref!.crossovers.map((c) => [c.implementation, c.D]),
      [
        ['reference', 4],
        ['reference', 8],
      ],
    );
    // the FLOP model counts the reference's compact φ, (D + 1)(D + 2) / 2
    assert.equal(ref!.crossovers[1]!.flopModelN, Math.ceil((4 * 45 * 8 + 7 * 45 - 8) / (2 * 8 + 2 * 8 + 4)));

    // metrics: the student's as before, and the reference's fitted exponents shaped like theirs
    const m = done.metrics as Record<string, unknown> & {
      fittedExponent: Record<string, Record<string, unknown>>;
      referenceFittedExponent: Record<
        string,
        Record<string, { time: number | null; timeNotMeasurable?: string; memory: number; nFrom: number; nTo: number }>
      >;
    };
    assert.deepEqual(Object.keys(m).sort(), [
      'crossoverN',
      'equivalenceMaxAbsDiff',
      'fittedExponent',
      'referenceFittedExponent',
      'sweep',
    ]);
    assert.equal((m.sweep as unknown[]).length, 4 * 2 * 2, "metrics sweep: the student's");
    assert.deepEqual(Object.keys(m.referenceFittedExponent).sort(), ['linear', 'softmax']);
    for (const form of ['softmax', 'linear']) {
      assert.deepEqual(Object.keys(m.referenceFittedExponent[form]!).sort(), ['4', '8']);
      for (const [D, fit] of Object.entries(m.referenceFittedExponent[form]!)) {
        assert.deepEqual([fit.nFrom, fit.nTo], [128, 256]);
        const time = ref!.fits.find((f) => f.form === form && String(f.D) === D && f.cost === 'ms')!;
        // time: the slope, or null with the reason when these tiny sizes show no growth
        assert.equal(fit.time, time.unmeasurable === undefined ? Math.round(time.exponent * 1000) / 1000 : null);
        if (fit.time === null) assert.equal(fit.timeNotMeasurable, time.unmeasurable);
        assert.ok(Number.isFinite(fit.memory));
      }
    }
    // peak memory: softmax holds [N, N] buffers (slope ≈ 2), the linear form [N, F] ones (≈ 1)
    assert.ok(m.referenceFittedExponent.softmax!['8']!.memory > 1.7, JSON.stringify(m.referenceFittedExponent));
    assert.ok(m.referenceFittedExponent.linear!['8']!.memory < 1.3, JSON.stringify(m.referenceFittedExponent));
    assert.ok(
      events.some(
        (e) =>
          e.type === 'log' && /Sweeping the lab's reference beside your run \(1 timed call per point\)/.test(e.message),
      ),
    );

    // what the panel and the report draw: the run with the reference's series, dashed
    const merged = withReferenceSweep(run, ref!);
    assert.ok(isKernelAttentionArtifact(JSON.parse(JSON.stringify(merged))));
    assert.equal(merged.sweep.length, 2 * 4 * 2 * 2);
    const svg = renderKernelCostSvg(merged, 'ms');
    assert.equal((svg.match(/class="curve s\d dashed"/g) ?? []).length, 4, 'four dashed reference series');
    assert.equal(tf.memory().numTensors, tensorsBefore);
  });

  it('without a reference child (a host that has none, these unit tests by default): neither the artifact nor the metric', async () => {
    const events = await runQ3(reference, { Ds: [4] });
    const done = doneOf(events);
    assert.deepEqual(
      artifactsOf(events).map((a) => a.kind),
      ['kernel-attention'],
    );
    assert.equal('referenceFittedExponent' in done.metrics, false);
    assert.ok(!events.some((e) => e.type === 'log' && /lab's reference/.test(e.message)));
  });

  it("checks only: the reference child is never started (its sweep takes seconds); nor with compareReference off, nor beside the reference's own run", async () => {
    const checksOnly = watchedReference();
    const checks = await runQ3(reference, { Ds: [4] }, { checksOnly: true, reference: checksOnly.exports });
    assert.equal('referenceFittedExponent' in doneOf(checks).metrics, false);
    assert.equal(referenceSweepsOf(checks).length, 0);
    assert.equal(checksOnly.touched(), false, 'the reference child was started');

    const off = watchedReference();
    const notAsked = await runQ3(reference, { Ds: [4], compareReference: false }, { reference: off.exports });
    assert.equal('referenceFittedExponent' in doneOf(notAsked).metrics, false);
    assert.deepEqual(
      artifactsOf(notAsked).map((a) => a.kind),
      ['kernel-attention'],
    );
    assert.equal(off.touched(), false);

    const own = watchedReference();
    const referenceRun = await runQ3(reference, { Ds: [4], implementation: 'reference' }, { reference: own.exports });
    assert.equal('referenceFittedExponent' in doneOf(referenceRun).metrics, false);
    assert.deepEqual(
      artifactsOf(referenceRun).map((a) => a.kind),
      ['kernel-attention'],
    );
    assert.equal(own.touched(), false);
  });

  it("a reference that fails costs only the figure: a warning, the student's run judged as without it", async () => {
    const broken = {
      ...reference,
      softmaxAttention: (): tf.Tensor2D => {
        throw new Error('the reference is broken');
      },
    };
    const events = await runQ3(reference, { Ds: [4] }, { reference: broken });
    const done = doneOf(events);
    assert.equal(done.ok, true);
    assert.equal(referenceSweepsOf(events).length, 0);
    assert.equal('referenceFittedExponent' in done.metrics, false);
    const warning = events.find(
      (e) => e.type === 'log' && e.level === 'warn' && /lab's reference could not be swept/.test(e.message),
    );
    assert.ok(warning, JSON.stringify(events.filter((e) => e.type === 'log')));
    assert.equal(tf.memory().numTensors, tensorsBefore);
  });

  it('a run cancelled while the reference sweeps ends cancelled at once, without waiting for the sweep', async () => {
    // a slow reference: each softmax call takes 300 ms, so its sweep (4 N, a warm-up and a timed call each) takes 2.4 s or more
    let stop = false;
    const busy = (ms: number): void => {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        /* a slow reference */
      }
    };
    const slow = {
      ...reference,
      softmaxAttention: (Q: tf.Tensor2D, K: tf.Tensor2D, V: tf.Tensor2D): tf.Tensor2D => {
        if (stop) throw new Error('the test is over');
        busy(300);
        return reference.softmaxAttention(Q, K, V);
      },
    };
    let asked = 0;
    const events = await runQ3(
      reference,
      { Ds: [4] },
      {
        reference: slow,
        cancelOn: (e) => {
          const yes = e.type === 'log' && /Sweeping the lab's reference/.test(e.message);
          if (yes) asked = Date.now();
          return yes;
        },
      },
    );
    const ended = Date.now();
    // the reference's child in this thread cannot be killed as a process is: end its sweep at its next call
    stop = true;
    const end = last(events);
    assert.equal(end.type, 'error', JSON.stringify(end));
    assert.equal((end as Extract<RunEvent, { type: 'error' }>).reason, 'cancelled');
    assert.ok(asked > 0 && ended - asked < 1500, `ended ${ended - asked} ms after the reference was asked`);
    assert.equal(referenceSweepsOf(events).length, 0);
    await new Promise((resolve) => setTimeout(resolve, 700)); // the abandoned sweep's last call
  });
});

describe("Q3: the reference's sweep in the panel's protocol and the report", () => {
  /** The fixture run split the way a judged run delivers it: the child's (student only), then the judge's reference sweep. */
  function split(): {
    whole: KernelAttentionArtifact;
    run: KernelAttentionArtifact;
    ref: KernelReferenceSweepArtifact;
  } {
    const whole = recordedKernelRun();
    const student = <T extends { implementation: string }>(xs: T[]): T[] =>
      xs.filter((x) => x.implementation === 'student');
    const reference = <T extends { implementation: string }>(xs: T[]): T[] =>
      xs.filter((x) => x.implementation === 'reference');
    return {
      whole,
      run: { ...whole, sweep: student(whole.sweep), fits: student(whole.fits), crossovers: student(whole.crossovers) },
      ref: {
        kind: 'kernel-reference-sweep',
        title: "The lab's reference beside your run",
        sweep: reference(whole.sweep),
        fits: reference(whole.fits),
        crossovers: reference(whole.crossovers),
      },
    };
  }

  it('withReferenceSweep restores the run drawn before the split, and replaces an earlier reference series', () => {
    const { whole, run, ref } = split();
    assert.deepEqual(withReferenceSweep(run, ref), whole);
    assert.deepEqual(withReferenceSweep(withReferenceSweep(run, ref), ref), whole);
    assert.equal(
      (renderKernelCostSvg(withReferenceSweep(run, ref), 'bytes').match(/class="curve s\d dashed"/g) ?? []).length,
      4,
    );
    assert.equal((renderKernelCostSvg(run, 'bytes').match(/ dashed"/g) ?? []).length, 0);
  });

  it('the reference sweep crosses the protocol as an artifact; one holding a student point does not', () => {
    const { ref } = split();
    assert.equal(parseToWebview(JSON.parse(JSON.stringify({ type: 'artifact', artifact: ref })))?.type, 'artifact');
    assert.equal(
      parseToWebview({
        type: 'artifact',
        artifact: { ...ref, sweep: [{ ...ref.sweep[0]!, implementation: 'student' }] },
      }),
      undefined,
    );
    assert.equal(parseToWebview({ type: 'artifact', artifact: { ...ref, kind: 'kernel-attention' } }), undefined);
  });

  it('the report draws the reference inside the run it was swept beside, or alone when the run is missing', () => {
    const { whole, run, ref } = split();
    assert.deepEqual(reportArtifacts([run, ref]), [whole]);
    assert.deepEqual(reportArtifacts([run]), [run]);
    assert.deepEqual(reportArtifacts([ref]), [ref]);
  });
});
