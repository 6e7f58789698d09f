// `npm run bench -- --only grade`: the throughput of `hw6-lab grade` over a batch of generated
// submissions (the reference and copies with one seeded bug each, src/cli/grade/seededBugs.ts),
// graded by the CLI bundle in a process of its own with `--jobs N`. It reports submissions per
// minute, seconds per submission and the peak resident memory of the grader and every process
// under it (the runs' child processes), sampled with pidusage, as a whole and per tenth of the
// batch's wall time: a flat row says memory does not grow with the batch.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pidusage from 'pidusage';
import { roundMs, type BenchEntry } from '../core/bench';
import { peaksByDecile, treeCpuMs, treeRss, type MemorySample } from './benchGradeMemory';
import { writeSubmissions } from './grade/seededBugs';

export interface GradeBenchOptions {
  /** dist/cli.js. */
  cli: string;
  submissions: number;
  jobs: number;
  /** Milliseconds between memory samples. */
  sampleMs?: number;
}

const MB = 1024 * 1024;

/** Grades a generated batch once; one entry with the figures (and the load average beside them). */
export async function benchGrade(log: (line: string) => void, options: GradeBenchOptions): Promise<BenchEntry[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hw6-bench-grade-'));
  try {
    const written = writeSubmissions(join(dir, 'submissions'), options.submissions);
    const csv = join(dir, 'grades.csv');
    // --no-reuse: the generated submissions share most files, a class's do not; every run is measured
    const args = [
      options.cli,
      'grade',
      ...written.map((w) => w.dir),
      '--jobs',
      String(options.jobs),
      '--csv',
      csv,
      '--no-reuse',
    ];
    log(`grade: ${written.length} submissions (the reference and seeded bugs), --jobs ${options.jobs}`);

    const loadBefore = loadavg()[0]!;
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    // the grader's progress line per submission, passed on as it comes
    child.stderr.on('data', (d: Buffer) => {
      const lines = (stderr.slice(stderr.lastIndexOf('\n') + 1) + String(d)).split('\n');
      stderr += String(d);
      for (const line of lines.slice(0, -1)) if (line.trim()) log(`  ${line}`);
    });
    const exited = new Promise<number | null>((done, fail) => {
      child.on('error', fail);
      child.on('close', (code) => done(code));
    });

    const samples: MemorySample[] = [];
    /** The grader's tree's CPU time at the last sample (what ran in its last 250 ms is missed). */
    let cpuMs = 0;
    let running = true;
    const sampling = (async () => {
      while (running) {
        const rss = await treeRss(child.pid!);
        const cpu = treeCpuMs(child.pid!);
        if (running) {
          samples.push({ t: performance.now() - started, rss });
          cpuMs = Math.max(cpuMs, cpu);
        }
        await new Promise((r) => setTimeout(r, options.sampleMs ?? 250));
      }
    })();
    const code = await exited;
    const wallMs = performance.now() - started;
    running = false;
    await sampling;
    pidusage.clear();
    const loadAfter = loadavg()[0]!;

    const rows = readCsvRows(csv);
    if (rows !== written.length)
      throw new Error(
        `grade wrote ${rows} gradebook rows for ${written.length} submissions (exit ${code}):\n${stderr.slice(-2000)}`,
      );
    const peaks = peaksByDecile(samples, wallMs).map((b) => Math.round(b / MB));
    const perSubmissionS = wallMs / 1000 / written.length;
    // each submission's own grading time, from the grader's progress lines ("… points (12.3 s)")
    const ownSeconds = [...stderr.matchAll(/points \((\d+(?:\.\d+)?) s\)/g)].map((m) => Number(m[1]));
    const entry: BenchEntry = {
      name: 'grade',
      measures:
        'hw6-lab grade over generated submissions in one process: wall time; RSS of the grader and its children',
      submissions: written.length,
      jobs: options.jobs,
      perMinute: Math.round((written.length / (wallMs / 60_000)) * 100) / 100,
      secondsPerSubmission: Math.round(perSubmissionS * 100) / 100,
      medianGradeSeconds: median(ownSeconds),
      cpuSecondsPerSubmission: Math.round((cpuMs / 1000 / written.length) * 100) / 100,
      peakRssMB: Math.max(...peaks),
      peakRssByDecileMB: peaks.join(' '),
      samples: samples.length,
      loadBefore: Math.round(loadBefore * 100) / 100,
      loadAfter: Math.round(loadAfter * 100) / 100,
      cores: cpus().length,
      ms: roundMs(wallMs),
    };
    log(
      `grade: ${entry.submissions} submissions in ${(wallMs / 1000).toFixed(1)} s — ${entry.perMinute} per minute, ` +
        `${entry.secondsPerSubmission} s each (budget 20 s; one submission's own grading: median ` +
        `${entry.medianGradeSeconds} s; CPU ${entry.cpuSecondsPerSubmission} s each); peak RSS ${entry.peakRssMB} MB, by tenth of the batch: ` +
        `${entry.peakRssByDecileMB} MB; load ${entry.loadBefore} → ${entry.loadAfter} on ${entry.cores} cores`,
    );
    return [entry];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Data rows of the gradebook (the header excluded); 0 when it was not written. */
function readCsvRows(file: string): number {
  try {
    // records end in CRLF (RFC 4180, as csv.ts writes them); a quoted cell may hold a bare newline
    return readFileSync(file, 'utf8').split('\r\n').filter(Boolean).length - 1;
  } catch {
    return 0;
  }
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
