// How a run's child process starts: dist/child.js under the permission model's flags, in a process
// group of its own, with nothing of the parent's environment. ProcessRunner starts its children this
// way, and so does the CLI's launcher (src/cli/launch.ts), which starts the first child before the
// rest of the CLI has loaded.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname } from 'node:path';
import { relaxedSimdFlags, type ChildArgs } from './childArgs';
import { permissionFlags, runtimeRefuses, type PermissionFlags } from './permissions';

/** The lab's own folders a child reads: its script's (dist/), the wasm files, media/, the references. */
export interface LabFiles {
  childScript: string;
  wasmDir: string;
  mediaDir: string;
  /** The reference bundles (the staff build only). */
  referenceDir?: string;
}

/** What a child may read: the lab's files, the student's folder, and a data folder a setting names. */
export function childReadable(lab: LabFiles, studentDir?: string, dataDir?: string): string[] {
  const paths = [dirname(lab.childScript), lab.wasmDir, lab.mediaDir];
  if (lab.referenceDir) paths.push(lab.referenceDir);
  if (studentDir) paths.push(studentDir);
  if (dataDir) paths.push(dataDir);
  return paths;
}

/** Which started child can serve a run: the same readable folders and memory limit. */
export function childKey(readable: readonly string[], memoryMb: number): string {
  return JSON.stringify([readable, memoryMb]);
}

export interface ChildSpawnOptions {
  childScript: string;
  args: ChildArgs;
  readable: string[];
  /** The runtime that runs the child (process.execPath: node, or the editor's Electron as node). */
  execPath?: string;
  /**
   * A debug run's child: its inspector listens on a free port of 127.0.0.1 and it waits, paused
   * before its first line, until a debugger attaches (the port is the first line of its stderr).
   */
  inspect?: boolean;
}

/** Where a debug run's child listens for the debugger: a port the system picks, on loopback only. */
export const INSPECT_FLAG = '--inspect-brk=127.0.0.1:0';

export interface SpawnedChild {
  child: ChildProcess;
  /** The permission flags it was started with; unconfined (and why) where the runtime lacks the model. */
  flags: PermissionFlags;
}

export function spawnChild(options: ChildSpawnOptions): SpawnedChild {
  const execPath = options.execPath ?? process.execPath;
  const flags = confinement(execPath, options);
  const child = spawn(execPath, childCommandLine(flags, options), {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
    // its own process group: killing the group ends whatever it started
    detached: true,
    cwd: options.args.tmpDir,
    // nothing of the editor's or the shell's environment (NODE_OPTIONS could load code into it)
    env: {
      ELECTRON_RUN_AS_NODE: '1',
      ...(process.platform === 'win32' && process.env.SYSTEMROOT ? { SYSTEMROOT: process.env.SYSTEMROOT } : {}),
    },
  });
  return { child, flags };
}

/** The child's arguments after the runtime: its confinement, wasm features, memory, inspector, then the script and its ChildArgs. */
export function childCommandLine(flags: PermissionFlags, options: ChildSpawnOptions): string[] {
  // Relaxed SIMD (the lab's FMA GEMM) when the child runs on this runtime and its V8 keeps it behind a flag.
  const sameRuntime = options.execPath === undefined || options.execPath === process.execPath;
  return [
    ...flags.args,
    ...(sameRuntime ? relaxedSimdFlags(process.versions.v8) : []),
    `--max-old-space-size=${options.args.memoryMb}`,
    ...(options.inspect ? [INSPECT_FLAG] : []),
    options.childScript,
    JSON.stringify(options.args),
  ];
}

/** Ends the child and everything it started (its process group: spawnChild detaches it). */
export function killChildGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** The permission-model flags for the child, unless this runtime lacks the model or refuses its flag. */
function confinement(execPath: string, options: ChildSpawnOptions): PermissionFlags {
  const flags = permissionFlags(
    process.allowedNodeEnvironmentFlags,
    { read: [...options.readable, options.childScript], write: [options.args.tmpDir] },
    { inspector: options.inspect === true },
  );
  if (!flags.confined) return flags;
  const refused = runtimeRefuses(execPath, flags.args[0]!);
  if (!refused) return flags;
  return {
    confined: false,
    args: [],
    reason: `This runtime (${execPath}) refused Node's permission model (${refused}): the run's process is isolated from the editor, but not confined to the workspace.`,
  };
}
