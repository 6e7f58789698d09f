// CPU time of a process's children, read from Linux's /proc while they run: how the editor-speed
// test compares the run's child process in the editor with the CLI's. CPU time, unlike wall time,
// does not grow when other jobs share the machine.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

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
 * Once found, a child is sampled through its own /proc entry until it is gone.
 */
export class ChildCpu {
  private readonly seen = new Map<number, { command: string; baseMs: number; lastMs: number }>();
  private samples = 0;
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
    // new children are looked for every 10th sample (listing every thread's children costs more than
    // reading a few stat files); a child found late still counts from its start
    if (first || this.samples++ % 10 === 0) this.discover(first);
    for (const [pid, known] of this.seen) known.lastMs = procStat(pid)?.cpuMs ?? known.lastMs;
  }

  private discover(first: boolean): void {
    for (const pid of childrenOf(this.root)) {
      if (this.seen.has(pid)) continue;
      // another of the host's processes (a language server), or one not yet past its exec: looked at again next time
      const command = commandLine(pid);
      const stat = procStat(pid);
      if (!stat || !command.includes(this.match)) continue;
      // a process already running when the watch began counts from then; a later one from its start
      this.seen.set(pid, { command, baseMs: first ? stat.cpuMs : 0, lastMs: stat.cpuMs });
    }
  }
}

/** The children of `root`, started by any of its threads (a worker thread's included). */
function childrenOf(root: number): number[] {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${root}/task`);
  } catch {
    return []; // gone
  }
  return tasks.flatMap((tid) => {
    try {
      return readFileSync(`/proc/${root}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
}
