// The permission-model flags a run's child starts with, for each runtime's spelling.
import assert from 'node:assert/strict';
import { permissionFlags, runtimeRefuses } from '../../../src/runner/permissions';

const paths = { read: ['/lab/dist/', '/lab/media', '/ws', '/lab/dist'], write: ['/tmp/run-1/'] };

describe('permissionFlags', () => {
  it("Node ≥ 22.13 (code-server's extension host): --permission", () => {
    const f = permissionFlags(new Set(['--permission', '--experimental-permission']), paths);
    assert.equal(f.confined, true);
    assert.deepEqual(f.args, [
      '--permission',
      '--no-warnings',
      '--allow-fs-read=/lab/dist',
      '--allow-fs-read=/lab/media',
      '--allow-fs-read=/ws',
      '--allow-fs-write=/tmp/run-1',
    ]);
  });

  it("Node 20 (CI's): --experimental-permission; no trailing slash (Node 20 aborts on one), no duplicates", () => {
    const f = permissionFlags(new Set(['--experimental-permission']), paths);
    assert.equal(f.args[0], '--experimental-permission');
    assert.ok(f.args.every((a) => !a.endsWith('/')));
    assert.equal(f.args.filter((a) => a === '--allow-fs-read=/lab/dist').length, 1);
  });

  it('never grants child processes, workers or addons', () => {
    const f = permissionFlags(new Set(['--permission']), paths);
    assert.ok(!f.args.some((a) => /allow-(child-process|worker|addons|wasi)/.test(a)));
  });

  it('a runtime without the model runs the child unconfined and says why', () => {
    const f = permissionFlags(new Set(), paths);
    assert.equal(f.confined, false);
    assert.deepEqual(f.args, []);
    assert.match(f.confined ? '' : f.reason, /no permission model/);
  });

  it('a debug run lets the inspector in where the model has --allow-inspector', () => {
    const f = permissionFlags(new Set(['--permission', '--allow-inspector']), paths, { inspector: true });
    assert.equal(f.confined, true);
    assert.deepEqual(f.args.slice(0, 3), ['--permission', '--no-warnings', '--allow-inspector']);
    assert.ok(
      !permissionFlags(new Set(['--permission', '--allow-inspector']), paths).args.includes('--allow-inspector'),
    );
  });

  it('a debug run is unconfined, and says why, where the model would refuse the inspector', () => {
    const f = permissionFlags(new Set(['--experimental-permission']), paths, { inspector: true });
    assert.equal(f.confined, false);
    assert.deepEqual(f.args, []);
    assert.match(f.confined ? '' : f.reason, /debugger.*--allow-inspector/);
  });

  it('this Node has the model (CI runs Node 20)', () => {
    assert.equal(permissionFlags(process.allowedNodeEnvironmentFlags, paths).confined, true);
  });
});

describe('runtimeRefuses', () => {
  it('this Node starts with its own flag', () => {
    const flag = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
    assert.equal(runtimeRefuses(process.execPath, flag), undefined);
  });

  it("a flag the runtime does not take is refused, with the runtime's reason", () => {
    assert.match(
      runtimeRefuses(process.execPath, '--no-such-permission-flag') ?? '',
      /bad option|no-such-permission-flag/,
    );
  });
});
