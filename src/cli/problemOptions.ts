// The problems' own options of `hw6-lab run` (src/core/problems/cliOptions.ts) on the command line:
// each added with its problem's id in its help, and its value turned into that problem's config.
import { Option } from 'commander';
import { problemCliOptions } from '../core/problems/cliOptions';
import type { Job } from './session';
import { UsageError } from './usageError';

/** The commander options, in the catalog's order. */
export function problemOptions(): Option[] {
  return problemCliOptions.map(
    ({ problemId, option }) => new Option(option.flags, `${problemId}: ${option.description}`),
  );
}

/** The jobs with every given problem option applied to its problem's jobs' config. */
export function withProblemOptions(jobs: Job[], values: Readonly<Record<string, unknown>>): Job[] {
  for (const { problemId, option } of problemCliOptions) {
    const flag = new Option(option.flags);
    const value = values[flag.attributeName()];
    if (value === undefined) continue;
    if (!jobs.some((j) => j.problem.id === problemId))
      throw new UsageError(`${flag.long} is for problem ${problemId}, which this run does not include.`);
    let config: Record<string, unknown>;
    try {
      config = option.config(String(value));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    jobs = jobs.map((j) => (j.problem.id === problemId ? { ...j, config: { ...j.config, ...config } } : j));
  }
  return jobs;
}
