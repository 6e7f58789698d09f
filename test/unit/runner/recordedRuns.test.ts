// The recorded reference runs the student build replays (media/recorded, `npm run record:reference`):
// each replays, through the judge's own session (every message validated against the protocol and
// the problem's artifact schemas), to a passing run; and where a fresh reference run is cheap (the
// checks of beam search, attention scaling and kernel attention, quick), the recording holds the
// same requests and the same values, so a stale recording fails here.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProblem, problems } from '../../../src/core/problems';
import type { RunEvent } from '../../../src/core/engine/events';
import { startJudgedRun } from '../../../src/core/engine/judgedRun';
import { resolveConfig } from '../../../src/core/engine/config';
import {
  RecordedLink,
  recordedRunFor,
  recordingFromJson,
  recordingLink,
  recordingToJson,
  type Exchange,
  type Recording,
} from '../../../src/core/engine/recordedLink';
import { ProcessRunner } from '../../../src/runner/processRunner';
import type { ProblemConfig } from '../../../src/core/problem';
import { buildBundles } from './bundles';
import { repoRoot } from './paths';

const recordedDir = join(repoRoot(), 'media', 'recorded');
const read = (id: string): Recording => recordingFromJson(readFileSync(join(recordedDir, `${id}.json`), 'utf8'));

/** Replays `config`'s recorded run of `id` in this thread, judged as a live run is; its events. */
async function replay(id: string, config: ProblemConfig, recording: Recording): Promise<RunEvent[]> {
  const problem = findProblem(id)!;
  const events: RunEvent[] = [];
  const run = startJudgedRun({
    problem,
    config,
    module: { code: '', file: `recorded/${id}.json`, reference: true },
    displayFile: problem.studentFile,
    budgetMs: 60_000,
    link: new RecordedLink(recording, id),
    spawnCellLink: () => new RecordedLink(recording, id),
    poolSize: 2,
    emit: (e) => events.push(e),
  });
  await run.ended;
  return events;
}

describe('recorded reference runs (media/recorded: what the student build replays)', function () {
  this.timeout(300_000);

  for (const problem of problems) {
    it(`${problem.id}: recorded for hw6.quick, and every recorded run replays through the judge to a pass`, async () => {
      const recording = read(problem.id);
      assert.equal(recording.problemId, problem.id);
      assert.ok(recordedRunFor(recording, resolveConfig(problem, { quick: true })), 'no run recorded for hw6.quick');
      for (const run of recording.runs) {
        const events = await replay(problem.id, run.config as ProblemConfig, recording);
        const end = events.at(-1)!;
        assert.equal(end.type, 'done', `${run.settings}: ${JSON.stringify(end)}`);
        assert.equal(end.type === 'done' && end.ok, true, `${run.settings}: a check failed`);
        if (problem.artifactSchemas)
          assert.ok(
            events.some((e) => e.type === 'artifact'),
            `${run.settings}: the replay drew nothing`,
          );
      }
    });
  }

  it('a request the recording holds no reply to ends the run with words that say to record again', async () => {
    const recording = read('beam-search');
    const broken: Recording = {
      ...recording,
      runs: recording.runs.map((r) => ({ ...r, exchanges: r.exchanges.filter((e) => e.what === 'run') })),
    };
    const events = await replay('beam-search', resolveConfig(findProblem('beam-search')!, { quick: true }), broken);
    const end = events.at(-1)!;
    assert.equal(end.type, 'error');
    assert.match(end.type === 'error' ? end.message : '', /holds no reply.*npm run record:reference/);
  });

  it('settings that were not recorded end the run with a settings error naming those recorded', async () => {
    const problem = findProblem('attention-scaling')!;
    const events = await replay(
      'attention-scaling',
      { ...resolveConfig(problem, { quick: true }), seed: 12345 },
      read(problem.id),
    );
    const end = events.at(-1)!;
    assert.equal(end.type === 'error' && end.reason, 'settings');
    assert.match(end.type === 'error' ? end.message : '', /recorded with these settings only: hw6\.quick on/);
  });

  it('typed arrays and non-finite numbers survive the recording as they were', () => {
    const recording: Recording = {
      problemId: 'x',
      recordedAt: '2026-01-01',
      machine: 'm',
      runs: [
        {
          settings: 's',
          config: { seed: 1, quick: true },
          ready: { backend: 'wasm', permission: true },
          exchanges: [
            {
              request: 'k',
              what: 'run',
              messages: [
                { kind: 'reply', ok: true, value: [new Float32Array([1.5, NaN]), new Int32Array([-3]), -Infinity] },
              ],
            },
          ],
        },
      ],
    };
    assert.deepEqual(recordingFromJson(recordingToJson(recording)), recording);
  });

  for (const id of ['beam-search', 'attention-scaling', 'kernel-attention']) {
    it(`${id} (quick): a fresh reference run's checks ask what was recorded and get the same values`, async () => {
      const bundles = await buildBundles();
      const problem = findProblem(id)!;
      const fresh: { exchanges: Exchange[]; config?: Record<string, unknown> } = { exchanges: [] };
      const runner = new ProcessRunner({
        childScript: bundles.child,
        referenceDir: bundles.referenceDir,
        wasmDir: bundles.wasmDir,
        mediaDir: join(repoRoot(), 'media'),
        findProblem,
        wrapLink: (link, role) => (role === 'main' ? recordingLink(link, fresh) : link),
      });
      try {
        const events: RunEvent[] = [];
        for await (const e of runner.start({
          problemId: id,
          config: { quick: true },
          solution: { kind: 'reference' },
          checksOnly: true,
        }).events)
          events.push(e);
        assert.equal(events.at(-1)?.type, 'done', JSON.stringify(events.at(-1)));
      } finally {
        runner.dispose();
      }
      const recorded = recordedRunFor(read(id), resolveConfig(problem, { quick: true }))!;
      assert.ok(fresh.exchanges.length > 0);
      for (const exchange of fresh.exchanges) {
        const same = recorded.exchanges.find((e) => e.request === exchange.request);
        assert.ok(same, `${exchange.what}: the recording does not hold this request (stale: npm run record:reference)`);
        const differs = firstDifference(same.messages, exchange.messages);
        assert.equal(differs, undefined, `${exchange.what}: the recorded reply differs from the reference's`);
      }
    });
  }
});

// float32 kernels differ in their last bits between machines and engines (the FMA GEMM where relaxed
// SIMD compiles, XNNPACK elsewhere): a recording is stale when a value moves by more than that.
const RELATIVE = 1e-5;

/** Where two recorded replies differ beyond float32 rounding, or undefined when they agree. */
function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Object.is(a, b) || Math.abs(a - b) <= RELATIVE * Math.max(1, Math.abs(a), Math.abs(b))) return undefined;
    return `${path}: ${a} vs ${b}`;
  }
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b))
    return firstDifference(Array.from(a as Float32Array), Array.from(b as Float32Array), path);
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: length ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(a, b) ? undefined : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}
