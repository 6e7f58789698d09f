// CPU time of a process's children, read from Linux's /proc while they run: how the editor-speed
// test compares the run's child process in the editor with the CLI's. CPU time, unlike wall time,
// does not grow when other jobs share the machine.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (USER_HZ; 100 on every common Linux). */
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

interface Stat {
  ppid: number;
  /** utime + stime, ms. */
  cpuMs: number;
}

/** A process's parent and CPU time, or undefined once it is gone. */
export function procStat(pid: number): Stat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // the command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const [ppid, utime, stime] = [fields[1], fields[11], fields[12]].map(Number);
  return { ppid: ppid!, cpuMs: ((utime! + stime!) * 1000) / TICKS_PER_SECOND };
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

export interface ProcessCpu {
  pid: number;
  command: string;
  /** CPU time it used while watched (since it started, if it started while watched), ms. */
  cpuMs: number;
}

/**
 * Watches the children of `root` whose command line contains `match`, sampling every `everyMs`:
 * a process's last sample before it ends is its figure (so it may miss up to `everyMs` of its CPU).
 * Once seen, a child is sampled through its own /proc entry until it is gone.
 */
export class ChildCpu {
  private readonly seen = new Map<number, { command: string; baseMs: number; lastMs: number }>();
  private readonly ignored = new Set<number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly root: number,
    private readonly match: string,
    everyMs = 50,
  ) {
    this.sample(true);
    this.timer = setInterval(() => this.sample(false), everyMs);
  }

  /** Stops watching; returns every matching process seen, the busiest first. */
  stop(): ProcessCpu[] {
    clearInterval(this.timer);
    this.sample(false);
    return [...this.seen.entries()]
      .map(([pid, p]) => ({ pid, command: p.command, cpuMs: p.lastMs - p.baseMs }))
      .sort((a, b) => b.cpuMs - a.cpuMs);
  }

  private sample(first: boolean): void {
    for (const pid of childrenOf(this.root)) {
      if (this.ignored.has(pid)) continue;
      const stat = procStat(pid);
      if (!stat) continue;
      const known = this.seen.get(pid);
      if (known) {
        known.lastMs = stat.cpuMs;
        continue;
      }
      if (!commandLine(pid).includes(this.match)) {
        this.ignored.add(pid); // another of the host's processes (a language server, say)
        continue;
      }
      // a process already running when the watch began counts from then; a later one from its start
      this.seen.set(pid, { command: commandLine(pid), baseMs: first ? stat.cpuMs : 0, lastMs: stat.cpuMs });
    }
  }
}

/**
 * The children of `root` that its main thread started (Node spawns there): one small file, cheap
 * enough to read every 50 ms in the extension host whose CPU time the test also reports.
 */
function childrenOf(root: number): number[] {
  try {
    return readFileSync(`/proc/${root}/task/${root}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    return []; // gone
  }
}
