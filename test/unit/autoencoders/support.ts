// Running problem 4 in tests: the quick config (or a smaller one), the repo's media/ as the run's
// files, events collected.
import { join } from 'node:path';
import { nodeRunFiles } from '../../../src/runner/files';
import { autoencodersProblem, type AutoencodersConfig } from '../../../src/core/problems/autoencoders';
import type { AutoencoderSolution } from '../../../src/core/problems/autoencoders/solution';
import { runProblem, resolveConfig } from '../../../src/core/engine/runProblem';
import { CancelSource } from '../../../src/core/engine/cancel';
import { createRng } from '../../../src/core/engine/rng';
import type { RunEvent } from '../../../src/core/engine/events';
import type { RunContext } from '../../../src/core/problem';
import { repoRoot } from '../support/repo';

export const files = nodeRunFiles(join(repoRoot(), 'media'));

export function quickConfig(overrides: Partial<AutoencodersConfig> = {}): AutoencodersConfig {
  return { ...resolveConfig(autoencodersProblem, { quick: true }), ...overrides };
}

export function contextOf(config: AutoencodersConfig, events: RunEvent[] = []): RunContext<AutoencodersConfig> {
  return { config, rng: createRng(config.seed), signal: new CancelSource(), backend: 'wasm', emit: (e) => events.push(e), files };
}

/** A whole run through runProblem (run, then checks), sequential cells, the repo's media/. */
export async function runQ4(solution: AutoencoderSolution, config: AutoencodersConfig): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  await runProblem(autoencodersProblem, solution, config, { signal: new CancelSource(), emit: (e) => events.push(e), files });
  return events;
}
