// What the benches know of this process's child processes (the runs' children), from Linux's /proc:
// which are alive, whether they are idle, and the CPU time of those that have ended. Where there is
// no /proc the answers are safe: no children known, a short pause instead of a wait, no CPU time.
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (USER_HZ: 100 on every Linux Node runs on). */
const TICK_MS = 10;

/**
 * CPU time of this process's children that have exited and been reaped (cutime + cstime of
 * /proc/self/stat), ms; 0 where there is no /proc.
 */
export function reapedChildrenCpuMs(stat = readProc('/proc/self/stat')): number {
  if (!stat) return 0;
  // fields[0] is the state (field 3 of proc(5)): cutime and cstime are fields 16 and 17
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[13]) + Number(fields[14]);
  return Number.isFinite(ticks) ? ticks * TICK_MS : 0;
}

/** This process's live children (/proc/self/task/<pid>/children), or undefined where that cannot be read. */
export function liveChildren(): Set<string> | undefined {
  const text = readProc(`/proc/self/task/${process.pid}/children`);
  return text === undefined ? undefined : new Set(text.split(' ').filter(Boolean));
}

/** Waits (at most `maxMs`) until the children started since `before` have exited and been reaped. */
export async function childrenGone(before: Set<string> | undefined, maxMs = 5000): Promise<void> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    const now = liveChildren();
    if (!before || !now) return sleep(300);
    if ([...now].every((pid) => before.has(pid)) || Date.now() > deadline) return;
    await sleep(20);
  }
}

/**
 * Waits (at least `minMs`, at most `maxMs`) until every child started since `before` has stopped
 * using the CPU (no more than one tick over 200 ms): a spare child is then ready, tfjs loaded and its
 * backend initialised. Without /proc: `minMs`, then as long again.
 */
export async function childrenIdle(before: Set<string> | undefined, minMs = 500, maxMs = 30_000): Promise<void> {
  const started = Date.now();
  await sleep(minMs);
  if (!before || !liveChildren()) return sleep(minMs);
  let last = new Map<string, number>();
  for (;;) {
    const pids = [...(liveChildren() ?? [])].filter((pid) => !before.has(pid));
    const now = new Map(pids.map((pid) => [pid, cpuTicks(pid)]));
    const busy = pids.some((pid) => last.get(pid) === undefined || now.get(pid)! - last.get(pid)! > 1);
    if (!busy || Date.now() - started > maxMs) return;
    last = now;
    await sleep(200);
  }
}

/** utime + stime of a process, in ticks (-1 once it is gone). */
function cpuTicks(pid: string): number {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return -1;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
