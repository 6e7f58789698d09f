// The CLI's first child process, started before the CLI's own code has loaded. A check waits as long
// for its child to start (Node, tfjs, wasm) as for the CLI to load; begun first, the two overlap. The
// launcher (launch.ts) and the CLI are separate bundles, so the child is handed over in a global slot.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ChildArgs } from '../runner/childArgs';
import { childReadable, killChildGroup, spawnChild } from '../runner/childSpawn';
import type { PrestartedChild } from '../runner/processRunner';
import { childScript, mediaDir, referenceDir, wasmDir } from './paths';

const SLOT = Symbol.for('hw6-lab.prestartedChild');
const slot = globalThis as { [SLOT]?: PrestartedChild };

export interface PrestartPlan {
  /** The student's folder the child may read (none for a reference run). */
  studentDir?: string;
  memoryMb: number;
}

/** The child `argv` (the CLI's arguments) will want first, when it is a run or a check; else undefined. */
export function prestartPlan(argv: readonly string[], cwd: string): PrestartPlan | undefined {
  const [command, ...rest] = argv;
  if (command !== 'run' && command !== 'check') return undefined;
  const value = (name: string): string | undefined => {
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === name) return rest[i + 1];
      if (rest[i]!.startsWith(`${name}=`)) return rest[i]!.slice(name.length + 1);
    }
    return undefined;
  };
  const has = (name: string): boolean => rest.some((a) => a === name || a.startsWith(`${name}=`));
  // help starts no run (a problem's own option, such as a data folder, may change the first job's
  // folders: that child is then ended unused, and the run starts its own)
  if (has('--help') || has('-h')) return undefined;
  let memoryMb = 2048;
  if (has('--memory-limit')) {
    memoryMb = Number(value('--memory-limit'));
    if (!Number.isInteger(memoryMb) || memoryMb < 256 || memoryMb > 16384) return undefined;
  }
  if (command === 'run' && has('--reference')) return { memoryMb };
  return { studentDir: resolve(cwd, value('--workspace') ?? '.'), memoryMb };
}

/** Starts the child `plan` describes and leaves it for the runner; on any failure the runner starts its own. */
export function prestartChild(plan: PrestartPlan): void {
  try {
    const media = mediaDir();
    const args: ChildArgs = {
      wasmDir,
      mediaDir: media,
      tmpDir: mkdtempSync(join(tmpdir(), 'hw6-run-')),
      memoryMb: plan.memoryMb,
    };
    const readable = childReadable(
      { childScript, wasmDir, mediaDir: media, ...(referenceDir ? { referenceDir } : {}) },
      plan.studentDir,
    );
    leavePrestarted({ spawned: spawnChild({ childScript, args, readable }), args, readable });
  } catch {
    // nothing lost: the runner starts its own child
  }
}

/**
 * Whether the child's process, channel and pipes keep this process alive: not while it waits in the
 * slot (a CLI that ends without a run, as on a usage error, must still exit), again once taken.
 */
function holdOpen(child: ChildProcess, held: boolean): void {
  for (const handle of [child, child.channel, child.stdout, child.stderr] as (
    | { ref?(): void; unref?(): void }
    | null
    | undefined
  )[])
    if (held) handle?.ref?.();
    else handle?.unref?.();
}

/** Leaves `child` for the CLI's runner; if no runner takes it, it ends with this process. */
export function leavePrestarted(child: PrestartedChild): void {
  slot[SLOT] = child;
  holdOpen(child.spawned.child, false);
  process.once('exit', () => {
    const left = slot[SLOT];
    if (left !== child) return;
    killChildGroup(child.spawned.child);
    rmSync(child.args.tmpDir, { recursive: true, force: true });
  });
}

/** The child the launcher started, once: the runner that takes it owns it. */
export function takePrestarted(): PrestartedChild | undefined {
  const child = slot[SLOT];
  delete slot[SLOT];
  if (child) holdOpen(child.spawned.child, true);
  return child;
}
