// Entry of dist/cli.js: for `run` and `check`, the first child process starts here, before the rest of
// the CLI (dist/cliMain.js, main.ts) loads, so that the two start-ups overlap (prestart.ts). The runner
// takes the child when the run needs its folders and memory limit; otherwise the child is ended.
import { join } from 'node:path';
import { prestartChild, prestartPlan } from './prestart';

const plan = prestartPlan(process.argv.slice(2), process.cwd());
if (plan) prestartChild(plan);
// a separate bundle, loaded at run time: bundling it here would load it before the child starts
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(join(__dirname, 'cliMain.js'));
