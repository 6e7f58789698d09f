// `npm run record:reference [-- ids… --only-quick]`: records a reference run of every problem into
// media/recorded/<id>.json, which the student build replays in place of the reference solution
// (src/core/engine/recordedLink.ts). Staff only (dist/record.js is not shipped): it runs the reference.
//
// Per problem, for hw6.quick on and (unless the problem's full run is too long to record) the
// default settings: the reference's run and checks as the judge asks them, every request's reply and
// display events. A problem whose config asks for the reference beside the student's run
// (compareReference) also gets the replies of that reference child, recorded beside a run of the
// reference's own source as a student file. Beam search's Figure 2 searches (k = 1…8) are recorded
// too (media/recorded/beam-search-figure2.json), for the panel's reference tree.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform } from 'node:os';
import { join } from 'node:path';
import { ProcessRunner } from '../runner/processRunner';
import { findProblem, problems } from '../core/problems';
import { recordingLink, recordingToJson, type RecordedRun, type Recording } from '../core/engine/recordedLink';
import type { RunRequest } from '../runner/runner';
import { childScript, mediaDir, packageRoot, recordedDir, staffReferenceDir, wasmDir } from './paths';
import { beamSearch } from '../core/problems/beam-search/reference';
import { FIGURE2, figure2Step } from '../core/problems/beam-search/figure2';

/** Problems whose full (non-quick) run takes minutes: recorded with hw6.quick on only. */
const QUICK_ONLY = new Set(['autoencoders']);

type Capture = Pick<RecordedRun, 'exchanges'> & { ready?: RecordedRun['ready']; config?: RecordedRun['config'] };

async function runOnce(
  request: RunRequest,
  record: Capture,
  roles: ReadonlySet<'main' | 'cell' | 'reference'>,
): Promise<void> {
  const runner = new ProcessRunner({
    childScript,
    referenceDir: staffReferenceDir(),
    wasmDir,
    mediaDir: mediaDir(),
    findProblem,
    wrapLink: (link, role) => (roles.has(role) ? recordingLink(link, record) : link),
  });
  try {
    let ending: unknown;
    for await (const event of runner.start(request).events) {
      if (event.type === 'error') ending = event;
      if (event.type === 'done' && !event.ok) ending = event;
    }
    if (ending) throw new Error(`${request.problemId}: the reference run did not pass: ${JSON.stringify(ending)}`);
  } finally {
    runner.dispose();
  }
}

async function recordProblem(id: string, onlyQuick: boolean): Promise<Recording> {
  const problem = findProblem(id)!;
  const runs: RecordedRun[] = [];
  for (const quick of onlyQuick || QUICK_ONLY.has(id) ? [true] : [true, false]) {
    const started = Date.now();
    const record: Capture = { exchanges: [] };
    const config = { quick };
    await runOnce(
      { problemId: id, config, solution: { kind: 'reference' }, timeLimitMs: 600_000 },
      record,
      new Set(['main', 'cell']),
    );
    if ((record.config as { compareReference?: unknown }).compareReference === true) {
      // the reference beside a student's run: the reference's own source, run as a student's file
      const file = join(packageRoot(), 'src/core/problems', id, 'reference.ts');
      await runOnce(
        {
          problemId: id,
          config,
          solution: { kind: 'student', file, source: readFileSync(file, 'utf8') },
          timeLimitMs: 600_000,
        },
        record,
        new Set(['reference']),
      );
    }
    runs.push({
      settings: quick ? 'hw6.quick on' : 'the default settings',
      config: record.config!,
      ready: record.ready!,
      exchanges: record.exchanges,
    });
    console.log(
      `[record] ${problem.id} (${quick ? 'quick' : 'default'}): ${record.exchanges.length} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  return { problemId: id, recordedAt: new Date().toISOString(), machine: machine(), runs };
}

function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${platform()}-${arch()}, ${cpus().length} × ${cpu}`;
}

/** Beam search on Figure 2 for k = 1…8: what the panel's reference tree draws (figure2Trace.ts). */
function recordFigure2(): unknown {
  const byK: Record<string, unknown> = {};
  for (let k = 1; k <= 8; k++) byK[k] = beamSearch(figure2Step, k, FIGURE2.depth);
  return { byK };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const onlyQuick = args.includes('--only-quick');
  const ids = args.filter((a) => !a.startsWith('--'));
  const dir = recordedDir();
  mkdirSync(dir, { recursive: true });
  for (const problem of problems) {
    if (ids.length > 0 && !ids.includes(problem.id)) continue;
    const recording = await recordProblem(problem.id, onlyQuick);
    writeFileSync(join(dir, `${problem.id}.json`), `${recordingToJson(recording)}\n`);
  }
  if (ids.length === 0 || ids.includes('beam-search'))
    writeFileSync(join(dir, 'beam-search-figure2.json'), `${JSON.stringify(recordFigure2(), null, 1)}\n`);
}

main().catch((err: unknown) => {
  console.error(`[record] ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
