import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';

// The command-line flags that confine a run's child process with Node's permission model: read the
// given folders, write the given ones, nothing else (no child processes, workers, addons or WASI,
// which the model refuses unless allowed). Node ≥ 22.13 spells it `--permission`, Node 20 (CI's)
// `--experimental-permission`; a runtime with neither runs the child unconfined, and says so.

export type PermissionFlags = { confined: true; args: string[] } | { confined: false; args: string[]; reason: string };

/**
 * With `inspector` (a debug run) the model must also let a debugger in: `--allow-inspector` (code-server's
 * Node 24 has it); a model without that flag refuses the inspector, so the child then runs unconfined.
 */
export function permissionFlags(
  available: ReadonlySet<string>,
  paths: { read: string[]; write: string[] },
  options: { inspector?: boolean } = {},
): PermissionFlags {
  const flag = available.has('--permission')
    ? '--permission'
    : available.has('--experimental-permission')
      ? '--experimental-permission'
      : undefined;
  if (!flag) {
    return {
      confined: false,
      args: [],
      reason: `This runtime (${process.release?.name ?? 'node'} ${process.version}) has no permission model: the run's process is isolated from the editor, but not confined to the workspace.`,
    };
  }
  if (options.inspector && !available.has('--allow-inspector')) {
    return {
      confined: false,
      args: [],
      reason: `This runtime (${process.release?.name ?? 'node'} ${process.version}) cannot let a debugger into a process under its permission model (it has no --allow-inspector): the debug run's process is isolated from the editor, but not confined to the workspace.`,
    };
  }
  // one flag per path: Node 20 accepts no trailing slash and aborts on one
  const clean = (p: string): string => p.replace(/[\\/]+$/, '') || p;
  return {
    confined: true,
    args: [
      flag,
      '--no-warnings',
      ...(options.inspector ? ['--allow-inspector'] : []),
      ...[...new Set(paths.read.map(clean))].map((p) => `--allow-fs-read=${p}`),
      ...[...new Set(paths.write.map(clean))].map((p) => `--allow-fs-write=${p}`),
    ],
  };
}

const accepted = new Map<string, string | undefined>();

/**
 * Whether `execPath` (as node: ELECTRON_RUN_AS_NODE) starts with the model's flag: an editor's
 * Electron may list a Node flag it does not take. Asked once per runtime (a ~50 ms process); the
 * answer is undefined when it starts, else why not.
 */
export function runtimeRefuses(execPath: string, flag: string): string | undefined {
  // This very Node lists exactly the flags it takes: no ~100 ms probe before a check's first child.
  const thisNode = execPath === process.execPath && !process.versions.electron;
  if (thisNode && process.allowedNodeEnvironmentFlags.has(flag)) return undefined;
  const key = `${execPath}\0${flag}`;
  if (!accepted.has(key)) {
    const probe = spawnSync(execPath, [flag, '--no-warnings', `--allow-fs-read=${tmpdir()}`, '-e', '0'], {
      env: { ELECTRON_RUN_AS_NODE: '1' },
      encoding: 'utf8',
      timeout: 15_000,
    });
    const refused = probe.error
      ? probe.error.message
      : probe.status === 0
        ? undefined
        : (probe.stderr || `exit code ${probe.status}`).split('\n')[0];
    accepted.set(key, refused);
  }
  return accepted.get(key);
}
