// A run's config: the problem's defaults (quick or full) with the host's overrides on top.
import type { Problem, ProblemConfig } from '../problem';

export function resolveConfig<C extends ProblemConfig>(
  problem: Pick<Problem<C>, 'defaultConfig'>,
  overrides: Partial<ProblemConfig> = {},
): C {
  const quick = overrides.quick ?? false;
  return { ...problem.defaultConfig(quick), ...overrides, quick } as C;
}
