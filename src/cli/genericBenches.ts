// The benches of `npm run bench` that are no problem's: the extension's start-up, a check's latency
// and grading's throughput (each problem's are in its folder, problems/<id>/benches.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { integerOption, roundMs, type Bench } from '../core/bench';
import { findProblem, problems } from '../core/problems';
import { sampleActivation, vscodeApiNames } from './activationProbe';
import { benchCheckLatency } from './benchCheckLatency';
import { benchGrade } from './benchGrade';
import type { RunnerPaths } from './benchRun';
import { bundleDir, childScript, mediaDir, packageRoot, staffReferenceDir, wasmDir } from './paths';

/** The benches that are no problem's: the extension's start-up, a check's latency, grading's throughput. */
export const genericBenches: Bench[] = [
  {
    name: 'extension-activation',
    options: [
      {
        flags: '--samples <n>',
        description: 'fresh worker threads sampled for extension-activation',
        defaultValue: '5',
      },
    ],
    prepare: (values) => {
      const count = integerOption(values.samples, '--samples');
      return async ({ log }) => {
        const extensionJs = join(bundleDir, 'extension.js');
        if (!existsSync(extensionJs)) {
          log(`extension-activation skipped: ${extensionJs} does not exist (run \`npm run build\`).`);
          return [];
        }
        const root = packageRoot();
        const request = { extensionJs, extensionRoot: root, apiNames: vscodeApiNames(root) };
        const samples = [];
        // the running bundle (dist/bench.js) is the probe's worker script too: bench.ts starts it as one
        for (let i = 0; i < count; i++) samples.push(await sampleActivation(__filename, request));
        const total = median(samples.map((s) => s.requireMs + s.activateMs));
        log(`extension-activation: ${roundMs(total)} ms (median of ${count} fresh worker threads)`);
        return [
          {
            name: 'extension-activation',
            measures:
              'require(dist/extension.js) + activate() in a fresh worker thread, vscode API replaced by a recording stand-in',
            samples: count,
            requireMs: roundMs(median(samples.map((s) => s.requireMs))),
            activateMs: roundMs(median(samples.map((s) => s.activateMs))),
            vscodeCalls: samples[0]!.vscodeCalls,
            ms: roundMs(total),
          },
        ];
      };
    },
  },
  {
    // A check's wall time, start-up included: the in-process worker thread of the previous
    // architecture against ProcessRunner, cold and prewarmed (src/cli/benchCheckLatency.ts).
    name: 'check-latency',
    options: [
      {
        flags: '--latency-repeats <n>',
        description:
          'check-latency: timed checks per problem and runner; the median is the entry, min and max beside it',
        defaultValue: '5',
      },
      { flags: '--latency-problems <list>', description: 'check-latency: problem ids, comma-separated (default: all)' },
    ],
    prepare: (values) => {
      const repeats = integerOption(values.latencyRepeats, '--latency-repeats');
      const ids = (values.latencyProblems as string | undefined)
        ?.split(',')
        .map((id) => id.trim())
        .filter(Boolean);
      const unknown = ids?.filter((id) => !findProblem(id)) ?? [];
      if (unknown.length > 0)
        throw new RangeError(
          `--latency-problems: unknown problem "${unknown[0]}" (known: ${problems.map((p) => p.id).join(', ')}).`,
        );
      const latency = { ...(ids?.length ? { problems: ids } : {}), repeats };
      return ({ log }) => benchCheckLatency(log, { ...latency, runner: runnerPaths(), bundleDir });
    },
  },
  {
    // `hw6-lab grade` over generated submissions: throughput and the memory of the whole batch
    // (src/cli/benchGrade.ts)
    name: 'grade',
    options: [
      {
        flags: '--grade-submissions <n>',
        description: 'grade: submissions generated (the reference, then one seeded bug each)',
        defaultValue: '40',
      },
      { flags: '--grade-jobs <n>', description: 'grade: submissions graded at once (--jobs)', defaultValue: '2' },
    ],
    prepare: (values) => {
      const submissions = integerOption(values.gradeSubmissions, '--grade-submissions');
      const jobs = integerOption(values.gradeJobs, '--grade-jobs');
      return ({ log }) => benchGrade(log, { cli: join(bundleDir, 'cli.js'), submissions, jobs });
    },
  },
];

/** Where a run's child script and assets are, next to this bundle. */
export function runnerPaths(): RunnerPaths {
  return { childScript, referenceDir: staffReferenceDir(), wasmDir, mediaDir: mediaDir() };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
