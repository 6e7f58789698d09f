// The command-line flags that confine a run's child process with Node's permission model: read the
// given folders, write the given ones, nothing else (no child processes, workers, addons or WASI,
// which the model refuses unless allowed). Node ≥ 22.13 spells it `--permission`, Node 20 (CI's)
// `--experimental-permission`; a runtime with neither runs the child unconfined, and says so.

export type PermissionFlags = { confined: true; args: string[] } | { confined: false; args: string[]; reason: string };

export function permissionFlags(available: ReadonlySet<string>, paths: { read: string[]; write: string[] }): PermissionFlags {
  const flag = available.has('--permission') ? '--permission' : available.has('--experimental-permission') ? '--experimental-permission' : undefined;
  if (!flag) {
    return {
      confined: false,
      args: [],
      reason: `This runtime (${process.release?.name ?? 'node'} ${process.version}) has no permission model: the run's process is isolated from the editor, but not confined to the workspace.`,
    };
  }
  // one flag per path: Node 20 accepts no trailing slash and aborts on one
  const clean = (p: string): string => p.replace(/[\\/]+$/, '') || p;
  return {
    confined: true,
    args: [
      flag,
      '--no-warnings',
      ...[...new Set(paths.read.map(clean))].map((p) => `--allow-fs-read=${p}`),
      ...[...new Set(paths.write.map(clean))].map((p) => `--allow-fs-write=${p}`),
    ],
  };
}
