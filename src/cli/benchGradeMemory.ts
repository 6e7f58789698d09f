// The grading bench's memory and CPU figures: the resident set of a process and of every process
// under it (the grader and the runs' child processes, found through /proc on Linux), sampled with
// pidusage, the peak per tenth of a batch, and the tree's CPU time.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pidusage from 'pidusage';

/** The ids of `root`'s descendants, from each process's parent in /proc/<pid>/stat (Linux; elsewhere none). */
export function descendants(root: number, procDir = '/proc'): number[] {
  const parents = new Map<number, number[]>();
  let pids: string[];
  try {
    pids = readdirSync(procDir).filter((d) => /^\d+$/.test(d));
  } catch {
    return [];
  }
  for (const d of pids) {
    let stat: string;
    try {
      stat = readFileSync(join(procDir, d, 'stat'), 'utf8');
    } catch {
      continue; // gone since the listing
    }
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!Number.isInteger(ppid)) continue;
    const siblings = parents.get(ppid) ?? [];
    siblings.push(Number(d));
    parents.set(ppid, siblings);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of parents.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** The resident set of `root` and its descendants, in bytes (processes that end meanwhile count 0). */
export async function treeRss(root: number): Promise<number> {
  const stats = await Promise.allSettled([root, ...descendants(root)].map((pid) => pidusage(pid)));
  return stats.reduce((sum, s) => sum + (s.status === 'fulfilled' ? s.value.memory : 0), 0);
}

export interface MemorySample {
  /** Milliseconds since the batch started. */
  t: number;
  rss: number;
}

/** The peak of the samples in each tenth of [0, durationMs] (0 for a tenth without a sample). */
export function peaksByDecile(samples: readonly MemorySample[], durationMs: number): number[] {
  const peaks = Array.from({ length: 10 }, () => 0);
  for (const s of samples) {
    const decile = Math.min(9, Math.max(0, Math.floor((s.t / durationMs) * 10)));
    peaks[decile] = Math.max(peaks[decile]!, s.rss);
  }
  return peaks;
}

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in ticks of 1/100 s. */
const TICKS_PER_SECOND = 100;

/**
 * CPU time of `root` and its descendants in ms: each live process's user + system time plus that of
 * its children already reaped (cutime, cstime), so a run's process that has ended still counts
 * through the process that waited for it. 0 where there is no /proc.
 */
export function treeCpuMs(root: number, procDir = '/proc'): number {
  let ticks = 0;
  for (const pid of [root, ...descendants(root, procDir)]) {
    try {
      const stat = readFileSync(join(procDir, String(pid), 'stat'), 'utf8');
      // after "pid (comm) ": state ppid … utime is field 14, stime 15, cutime 16, cstime 17
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += [11, 12, 13, 14].reduce((sum, i) => sum + (Number(fields[i]) || 0), 0);
    } catch {
      // gone since the listing
    }
  }
  return (ticks / TICKS_PER_SECOND) * 1000;
}
