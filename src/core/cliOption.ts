// A command-line option of `hw6-lab run` that belongs to one problem: declared in its folder
// (problems/<id>/cliOptions.ts), added to the CLI by src/cli/main.ts without naming the problem.
import type { ProblemConfig } from './problem';

export interface ProblemCliOption {
  /** commander's flags: `--name <value>`. */
  flags: string;
  /** Its help text; the CLI puts the problem's id in front. */
  description: string;
  /**
   * The problem's config keys the value sets, over its other settings. Throws (an Error whose
   * message is the usage error) on a value it cannot take.
   */
  config(value: string): Partial<ProblemConfig> & Record<string, unknown>;
}
