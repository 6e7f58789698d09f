// The grading bench's memory figures: the process tree read from a /proc laid out by the test, and
// the peak per tenth of the batch from given samples (no clock involved).
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pidusage from 'pidusage';
import { descendants, peaksByDecile, treeCpuMs, treeRss } from '../../../src/cli/benchGradeMemory';

describe('grade bench: memory of the grader and its children', () => {
  it('finds every descendant through the parents in /proc/<pid>/stat, odd process names included', () => {
    const proc = mkdtempSync(join(tmpdir(), 'hw6-proc-'));
    try {
      const stat = (pid: number, comm: string, ppid: number) => {
        mkdirSync(join(proc, String(pid)));
        writeFileSync(join(proc, String(pid), 'stat'), `${pid} (${comm}) S ${ppid} ${pid} ${pid} 0 -1 4194560 0 0\n`);
      };
      stat(100, 'node', 1);
      stat(101, 'node child.js', 100);
      stat(102, 'a) S 999 (b', 100); // a name with ") S 999 (" must not fool the parser
      stat(103, 'grandchild', 101);
      stat(200, 'elsewhere', 1);
      mkdirSync(join(proc, 'self')); // not a pid
      assert.deepEqual(descendants(100, proc).sort(), [101, 102, 103]);
      assert.deepEqual(descendants(103, proc), []);
      // CPU: utime + stime + cutime + cstime (fields 14–17, ticks of 1/100 s) over the tree
      writeFileSync(
        join(proc, '101', 'stat'),
        '101 (node child.js) S 100 101 101 0 -1 4194560 0 0 0 0 150 50 30 20 20 0\n',
      );
      writeFileSync(join(proc, '103', 'stat'), '103 (grandchild) S 101 101 101 0 -1 4194560 0 0 0 0 7 3 0 0 20 0\n');
      assert.equal(treeCpuMs(101, proc), (150 + 50 + 30 + 20 + 7 + 3) * 10);
    } finally {
      rmSync(proc, { recursive: true, force: true });
    }
  });

  it("counts a real child process's memory in the tree's", async function () {
    this.timeout(60_000);
    if (process.platform !== 'linux') this.skip();
    const child = spawn(process.execPath, [
      '-e',
      'const b = Buffer.alloc(64 * 1024 * 1024, 1); console.log("ready"); setInterval(() => b[0]++, 100)',
    ]);
    try {
      // the buffer is filled (resident) before "ready" is printed
      await new Promise((ready) => child.stdout.once('data', ready));
      assert.ok(descendants(process.pid).includes(child.pid!), 'the child is a descendant of this process');
      const alone = await treeRss(child.pid!);
      assert.ok(alone > 64 * 1024 * 1024, `the child's 64 MB buffer is resident (${alone} bytes)`);
      const own = (await pidusage(process.pid)).memory;
      const tree = await treeRss(process.pid);
      assert.ok(tree >= own + 64 * 1024 * 1024, `this process's tree (${tree}) holds its own (${own}) and the child's`);
    } finally {
      child.kill();
    }
  });

  it('takes the peak of each tenth of the batch', () => {
    const samples = [
      { t: 0, rss: 5 },
      { t: 50, rss: 7 },
      { t: 150, rss: 3 },
      { t: 999, rss: 9 },
      { t: 1000, rss: 4 }, // the very end belongs to the last tenth
    ];
    assert.deepEqual(peaksByDecile(samples, 1000), [7, 3, 0, 0, 0, 0, 0, 0, 0, 9]);
  });
});
