// The Q3 run on a small config, judged through a child in this thread: metrics as documented, one
// kernel-attention artifact (measured in the child, completed by the judge's schema), the record the
// judge fits the 3c growth from, progress with messages, no tensors left behind, cancellation between
// sweep points; checks without a run measure the student's growth (the child's growth task) for the
// answers.md complexity claims.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { judgeLocally, type LocalOptions } from '../support/judgeLocal';
import { kernelAttentionProblem, type KernelAttentionConfig } from '../../../src/core/problems/kernel-attention';
import { kernelAttentionChild } from '../../../src/core/problems/kernel-attention/child';
import * as reference from '../../../src/core/problems/kernel-attention/reference';
import type {
  KernelAttentionArtifact,
  KernelAttentionRecord,
} from '../../../src/core/problems/kernel-attention/artifact';
import { CancelSource, CancelledError } from '../../../src/core/engine/cancel';
import { createRng } from '../../../src/core/engine/rng';
import { isArtifactKind, type Finding, type RunEvent } from '../../../src/core/engine/events';
import type { ChildEvent } from '../../../src/core/problem';
import { isKernelAttentionArtifact } from '../../../src/core/problems/kernel-attention/artifactValidate';
import { child, loadExports, WRONG_PHI_FILE } from './studentFile';

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
const artifactsOf = (events: RunEvent[]): KernelAttentionArtifact[] =>
  events.flatMap((e) =>
    e.type === 'artifact' && isArtifactKind<KernelAttentionArtifact>(e.artifact, 'kernel-attention')
      ? [e.artifact]
      : [],
  );
const findingsOf = (events: RunEvent[]): Finding[] => events.flatMap((e) => (e.type === 'finding' ? [e.finding] : []));

const COMPLEXITY_ANSWERS = [
  '## 3c-i-time',
  '',
  'Answer: O(N^2 (D + M))',
  '',
  '## 3c-i-memory',
  '',
  'Answer: O(N^2 + N(D + M))',
  '',
  '## 3c-ii-time',
  '',
  'Answer: O(N)',
  '',
  '## 3c-ii-memory',
  '',
  'Answer: O(N D^2 + D^2 M + N M)',
  '',
].join('\n');

describe('Q3 run (small config)', function () {
  this.timeout(120_000);
  let tensorsBefore: number;
  before(async () => {
    await useTfBackend();
    tensorsBefore = tf.memory().numTensors;
  });

  it('the quick and full configs sweep 128…2048 and 128…8192 at D = 16 and 64', () => {
    assert.deepEqual(kernelAttentionProblem.defaultConfig(true).Ns, [128, 256, 512, 1024, 2048]);
    assert.deepEqual(kernelAttentionProblem.defaultConfig(false).Ns, [128, 256, 512, 1024, 2048, 4096, 8192]);
    assert.deepEqual(kernelAttentionProblem.defaultConfig(false).Ds, [16, 64]);
  });

  it('reference: every check passes; metrics equivalenceMaxAbsDiff, sweep, fittedExponent, crossoverN; one valid artifact', async () => {
    const events = await runQ3(reference, { implementation: 'reference' });
    const done = last(events) as Done;
    assert.equal(done.type, 'done', JSON.stringify(done));
    assert.equal(done.ok, true);
    const findings = findingsOf(events);
    assert.deepEqual(
      findings.filter((f) => !f.answerId).map((f) => [f.checkId, f.ok]),
      [
        ['q3.softmax-attention', true],
        ['q3.quadratic-kernel', true],
        ['q3.feature-map', true],
        ['q3.kernel-attention-quadratic', true],
        ['q3.equivalence', true],
        ['q3.denominator', true],
        ['q3.linear-memory', true],
      ],
    );
    const m = done.metrics as {
      equivalenceMaxAbsDiff: number;
      sweep: { N: number; D: number; form: string; ms: number; bytes: number }[];
      fittedExponent: Record<
        string,
        Record<string, { time: number | null; timeNotMeasurable?: string; memory: number; nFrom: number; nTo: number }>
      >;
      crossoverN: Record<string, { measured: number | null; flopModel: number }>;
    };
    assert.deepEqual(Object.keys(m).sort(), ['crossoverN', 'equivalenceMaxAbsDiff', 'fittedExponent', 'sweep']);
    assert.ok(m.equivalenceMaxAbsDiff >= 0 && m.equivalenceMaxAbsDiff < 1e-4, String(m.equivalenceMaxAbsDiff));
    assert.equal(m.sweep.length, 4 * 2 * 2);
    for (const p of m.sweep) {
      assert.deepEqual(Object.keys(p).sort(), ['D', 'N', 'bytes', 'form', 'ms']);
      assert.ok(p.ms > 0 && p.bytes >= p.N * p.D * 4, JSON.stringify(p)); // at least the [N, M = D] output
    }
    assert.deepEqual(Object.keys(m.fittedExponent).sort(), ['linear', 'softmax']);
    for (const form of ['softmax', 'linear']) {
      assert.deepEqual(Object.keys(m.fittedExponent[form]!).sort(), ['4', '8']);
      for (const fit of Object.values(m.fittedExponent[form]!)) {
        assert.deepEqual([fit.nFrom, fit.nTo], [128, 256]);
        assert.ok(Number.isFinite(fit.memory));
        // time: a slope, or null with the reason (at these tiny sizes the fixed cost of a call dominates)
        assert.ok(
          fit.time === null ? typeof fit.timeNotMeasurable === 'string' : Number.isFinite(fit.time),
          JSON.stringify(fit),
        );
      }
    }
    // peak memory: softmax holds [N, N] buffers (slope ≈ 2), the linear form [N, F] ones (≈ 1); time is too noisy to pin at these sizes
    assert.ok(m.fittedExponent.softmax!['8']!.memory > 1.7, JSON.stringify(m.fittedExponent));
    assert.ok(m.fittedExponent.linear!['8']!.memory < 1.3, JSON.stringify(m.fittedExponent));
    assert.deepEqual(Object.keys(m.crossoverN).sort(), ['4', '8']);
    assert.equal(m.crossoverN['8']!.flopModel, Math.ceil((4 * 45 * 8 + 7 * 45 - 8) / (2 * 8 + 2 * 8 + 4)));

    const artifacts = artifactsOf(events);
    assert.equal(artifacts.length, 1);
    const a = artifacts[0]!;
    assert.ok(isKernelAttentionArtifact(JSON.parse(JSON.stringify(a))));
    assert.deepEqual(new Set(a.sweep.map((p) => p.implementation)), new Set(['reference']));
    assert.deepEqual(a.featureSize, { D: 6, actual: 28, accepted: [49, 28] });
    assert.equal(a.equivalence.ok, true);
    assert.deepEqual([a.equivalence.N, a.equivalence.D, a.equivalence.M], [48, 6, 5]);
    assert.ok(a.equivalence.maxAbsDiff < a.equivalence.tolerance, JSON.stringify(a.equivalence));
    assert.equal(a.fits.length, 2 * 2 * 2);
    assert.equal(a.flopModel.length, 8);
    const progress = events.filter((e): e is Extract<RunEvent, { type: 'progress' }> => e.type === 'progress');
    assert.ok(progress.some((p) => /reference linear attention, D = 8, N = 256/.test(p.message ?? '')));
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i]!.fraction >= progress[i - 1]!.fraction);
    assert.equal(tf.memory().numTensors, tensorsBefore);
  });

  it("a student's file: their implementation swept, the wrong φ reported at its TODOs, the artifact records φ's size", async () => {
    const events = await runQ3(loadExports(WRONG_PHI_FILE), { Ds: [4] });
    const done = last(events) as Done;
    assert.equal(done.type, 'done', JSON.stringify(done));
    assert.equal(done.ok, false);
    const failed = findingsOf(events).filter((f) => !f.ok);
    assert.deepEqual(
      failed.map((f) => [f.checkId, f.marker]),
      [
        ['q3.feature-map', 'q3.feature-map'],
        ['q3.equivalence', 'q3.kernel-attention-linear'],
      ],
    );
    const a = artifactsOf(events)[0]!;
    assert.deepEqual(new Set(a.sweep.map((p) => p.implementation)), new Set(['student']));
    assert.equal(a.equivalence.ok, false);
    assert.ok(a.equivalence.maxAbsDiff > a.equivalence.tolerance);
    assert.deepEqual(a.featureSize, { D: 6, actual: 28, accepted: [49, 28] });
    assert.equal(a.crossovers.length, 1);
    assert.equal((done.metrics.sweep as unknown[]).length, 4 * 2, "metrics sweep: the student's");
    assert.ok((done.metrics.equivalenceMaxAbsDiff as number) > 0.01);
    assert.equal(tf.memory().numTensors, tensorsBefore);
  });

  it('returns its sweep as the record; the judge fits the 3c growth from it (upper half of N, largest D)', async () => {
    const ctx = {
      config: configOf(),
      rng: createRng(3),
      signal: new CancelSource(),
      backend: 'wasm',
      emit: () => undefined,
    };
    const output = await kernelAttentionChild.run(ctx, kernelAttentionChild.solutionFrom(reference));
    const record = kernelAttentionProblem.recordSchema!.parse(output.record) as KernelAttentionRecord;
    assert.equal(record.implementation, 'student');
    assert.equal(record.sweep.length, 4 * 2 * 2);
    assert.equal(tf.memory().numTensors, tensorsBefore);

    const events = await runQ3(reference, {}, { answers: { file: 'answers.md', text: COMPLEXITY_ANSWERS } });
    assert.equal(last(events).type, 'done', JSON.stringify(last(events)));
    const memory = findingsOf(events).find((f) => f.answerId === '3c-i-memory')!;
    assert.ok(memory.ok, memory.message);
    assert.match(memory.message, /your softmax attention \(memory, D = 8\) measured N\^[\d.]+ between N = 128 and 256/);
  });

  it('leaves no tensors behind across runs and stops between sweep points when cancelled', async () => {
    await runQ3(reference, { Ds: [4], Ns: [16, 32] });
    assert.equal(tf.memory().numTensors, tensorsBefore);
    const signal = new CancelSource();
    const events: ChildEvent[] = [];
    const ctx = {
      config: configOf(),
      rng: createRng(3),
      signal,
      backend: 'wasm',
      emit(e: ChildEvent) {
        events.push(e);
        if (e.type === 'progress' && /N = 64/.test(e.message ?? '')) signal.cancel();
      },
    };
    await assert.rejects(kernelAttentionChild.run(ctx, kernelAttentionChild.solutionFrom(reference)), CancelledError);
    assert.ok(!events.some((e) => e.type === 'artifact'));
    assert.equal(tf.memory().numTensors, tensorsBefore);
  });

  it("checks without a run measure the student's growth for the 3c answers and judge them", async () => {
    const text = COMPLEXITY_ANSWERS;
    const events = await runQ3(reference, {}, { checksOnly: true, answers: { file: 'answers.md', text } });
    const done = last(events) as Done;
    assert.equal(done.type, 'done', JSON.stringify(done));
    assert.ok(!events.some((e) => e.type === 'artifact'));
    const answers = findingsOf(events).filter((f) => f.answerId);
    assert.deepEqual(
      new Set(answers.map((f) => f.answerId)),
      new Set(['3a', '3b-i', '3b-ii', '3b-iii', '3c-i-time', '3c-i-memory', '3c-ii-time', '3c-ii-memory']),
    );
    for (const id of ['3c-i-time', '3c-i-memory', '3c-ii-memory']) {
      const f = answers.find((x) => x.answerId === id)!;
      assert.ok(f.ok, `${id}: ${f.message}`);
      assert.deepEqual(f.location, {
        file: 'answers.md',
        line: text.split('\n').findIndex((l) => l.startsWith('## ' + id)) + 3,
      });
    }
    assert.match(
      answers.find((f) => f.answerId === '3c-i-memory')!.message,
      /\(memory, D = 4\) measured N\^[\d.]+ between N = 64 and 256/,
    );
    const wrong = answers.find((f) => f.answerId === '3c-ii-time')!;
    assert.equal(wrong.ok, false, wrong.message);
    assert.equal(tf.memory().numTensors, tensorsBefore);
  });

  it('checks without a run: a student whose forms throw is judged without a measurement, not stopped', async () => {
    const throwing = {
      ...reference,
      kernelAttentionLinear: (): tf.Tensor2D => {
        throw new Error('eq. 5 is not done');
      },
    };
    const events = await runQ3(
      throwing,
      {},
      { checksOnly: true, answers: { file: 'answers.md', text: COMPLEXITY_ANSWERS } },
    );
    assert.equal(last(events).type, 'done', JSON.stringify(last(events)));
    const memory = findingsOf(events).find((f) => f.answerId === '3c-i-memory')!;
    assert.doesNotMatch(memory.message, /measured/);
    assert.deepEqual(
      findingsOf(events)
        .filter((f) => !f.ok && !f.answerId)
        .map((f) => f.checkId),
      ['q3.equivalence', 'q3.denominator', 'q3.linear-memory'],
    );
    assert.equal(tf.memory().numTensors, tensorsBefore);
  });
});
