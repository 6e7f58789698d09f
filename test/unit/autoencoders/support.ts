// Running problem 4 in tests: the quick config (or a smaller one), the repo's media/ as the run's
// files, a RunContext for the child's experiment alone, and a whole judged run in this thread (the
// child half in a ChildEngine here, the judge half talking to it through the protocol).
import { join } from 'node:path';
import { nodeRunFiles } from '../../../src/runner/files';
import { autoencodersProblem, type AutoencodersConfig } from '../../../src/core/problems/autoencoders';
import { autoencodersChild } from '../../../src/core/problems/autoencoders/child';
import { CancelSource } from '../../../src/core/engine/cancel';
import { createRng } from '../../../src/core/engine/rng';
import type { Finding, RunEvent } from '../../../src/core/engine/events';
import type { ProblemChild, RunContext } from '../../../src/core/problem';
import { judgeLocally, type LocalOptions } from '../support/judgeLocal';
import { repoRoot } from '../support/repo';

export const files = nodeRunFiles(join(repoRoot(), 'media'));

/** The child half as the in-thread judge takes it (any solution type). */
export const child = autoencodersChild as unknown as ProblemChild<unknown, AutoencodersConfig>;

export function quickConfig(overrides: Partial<AutoencodersConfig> = {}): AutoencodersConfig {
  return { ...autoencodersProblem.defaultConfig(true), ...overrides, quick: true };
}

/** The child's context for running its experiment (run, runCell) without a judge. */
export function contextOf(config: AutoencodersConfig, events: RunEvent[] = []): RunContext<AutoencodersConfig> {
  return {
    config,
    rng: createRng(config.seed),
    signal: new CancelSource(),
    backend: 'wasm',
    emit: (e) => events.push(e),
    files,
  };
}

/** A whole judged run of a module's exports (the experiment, then the checks), the repo's media/ as its files. */
export function judgeQ4(exports: object, config: AutoencodersConfig, options: LocalOptions = {}): Promise<RunEvent[]> {
  return judgeLocally(autoencodersProblem, child, exports, config, { files, ...options });
}

export const findingsIn = (events: RunEvent[]): Finding[] =>
  events.flatMap((e) => (e.type === 'finding' ? [e.finding] : []));
