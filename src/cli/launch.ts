// Entry of dist/cli.js: for `run` and `check`, the first child process starts here, before the rest of
// the CLI (dist/cliMain.js, main.ts) loads, so that the two start-ups overlap (prestart.ts). The runner
// takes the child when the run needs its folders and memory limit; otherwise the child is ended.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childReadable, spawnChild } from '../runner/childSpawn';
import type { ChildArgs } from '../runner/childArgs';
import { childScript, mediaDir, referenceDir, wasmDir } from './paths';
import { leavePrestarted, prestartPlan } from './prestart';

const plan = prestartPlan(process.argv.slice(2), process.cwd());
if (plan) {
  try {
    const media = mediaDir();
    const args: ChildArgs = {
      wasmDir,
      mediaDir: media,
      tmpDir: mkdtempSync(join(tmpdir(), 'hw6-run-')),
      memoryMb: plan.memoryMb,
    };
    const readable = childReadable({ childScript, wasmDir, mediaDir: media, referenceDir }, plan.studentDir);
    leavePrestarted({ spawned: spawnChild({ childScript, args, readable }), args, readable });
  } catch {
    // nothing lost: the runner starts its own child
  }
}
// a separate bundle, loaded at run time: bundling it here would load it before the child starts
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(join(__dirname, 'cliMain.js'));
