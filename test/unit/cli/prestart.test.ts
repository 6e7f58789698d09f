// Which child the CLI's launcher starts before the CLI loads: the one a run or a check needs first.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { prestartPlan } from '../../../src/cli/prestart';

describe('prestartPlan', () => {
  const cwd = resolve('/home/student/hw6');

  it('a check reads the workspace: the current folder, or --workspace (either spelling)', () => {
    assert.deepEqual(prestartPlan(['check'], cwd), { studentDir: cwd, memoryMb: 2048 });
    assert.deepEqual(prestartPlan(['check', 'zkc', '--workspace', 'ws'], cwd), {
      studentDir: resolve(cwd, 'ws'),
      memoryMb: 2048,
    });
    assert.deepEqual(prestartPlan(['run', '--workspace=/tmp/ws'], cwd), { studentDir: '/tmp/ws', memoryMb: 2048 });
  });

  it('a reference run reads no workspace', () => {
    assert.deepEqual(prestartPlan(['run', '--reference', '--quick'], cwd), { memoryMb: 2048 });
  });

  it('takes the memory limit the runner will use, and starts nothing for one it will refuse', () => {
    assert.deepEqual(prestartPlan(['check', '--memory-limit', '1024'], cwd), { studentDir: cwd, memoryMb: 1024 });
    assert.equal(prestartPlan(['check', '--memory-limit', 'lots'], cwd), undefined);
    assert.equal(prestartPlan(['check', '--memory-limit=64'], cwd), undefined);
  });

  it('starts nothing for a command that runs nothing, or for help', () => {
    for (const argv of [[], ['list'], ['init', 'dir'], ['check', '--help'], ['run', '-h']])
      assert.equal(prestartPlan(argv, cwd), undefined, argv.join(' '));
  });
});
