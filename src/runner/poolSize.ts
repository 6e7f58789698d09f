// How many processes a run's cells are spread over.
import { availableParallelism } from 'node:os';

/** The explicit option, else HW6_POOL_SIZE, else one per core. */
export function poolSizeFrom(option: number | undefined, env: string | undefined = process.env.HW6_POOL_SIZE): number {
  if (option !== undefined && Number.isInteger(option) && option >= 1) return option;
  const fromEnv = Number(env);
  if (env && Number.isInteger(fromEnv) && fromEnv >= 1) return fromEnv;
  return Math.max(1, availableParallelism());
}
