// What a debug run asks of js-debug: attach to the child's loopback inspector, let it run on, read
// only the student folder's source maps, step into the student's file only, and name the session
// so the run can find (and end) it.
import assert from 'node:assert/strict';
import { DEBUG_RUN_KEY, debugAttachConfig } from '../../../src/extension/model/debugAttach';

describe('debugAttachConfig', () => {
  const config = debugAttachConfig({
    runId: 'run-1',
    address: { host: '127.0.0.1', port: 40785 },
    studentFile: '/home/s/hw6/q5_beam_search.ts',
    labDir: '/home/s/.vscode/extensions/hw6-lab',
    problemTitle: 'Beam search',
  });

  it("attaches VS Code's JavaScript debugger to the run's inspector and lets the run go on", () => {
    assert.equal(config.type, 'node');
    assert.equal(config.request, 'attach');
    assert.equal(config.address, '127.0.0.1');
    assert.equal(config.port, 40785);
    assert.equal(config.continueOnAttach, true, 'the child waits at its first line for the debugger only');
    assert.equal(config.sourceMaps, true);
    assert.equal(config.autoAttachChildProcesses, false);
  });

  it("steps into the student's file only: not Node's internals, not the lab's bundles", () => {
    assert.deepEqual(config.skipFiles, ['<node_internals>/**', '/home/s/.vscode/extensions/hw6-lab/dist/**']);
    assert.deepEqual(config.resolveSourceMapLocations, ['/home/s/hw6/**', '!**/node_modules/**']);
    assert.deepEqual(config.outFiles, []);
  });

  it('names its session by the run', () => {
    assert.equal(config[DEBUG_RUN_KEY], 'run-1');
    assert.match(config.name, /Beam search/);
  });

  it('writes Windows paths as globs with forward slashes', () => {
    const win = debugAttachConfig({
      runId: 'r',
      address: { host: '127.0.0.1', port: 1 },
      studentFile: 'C:\\Users\\s\\hw6\\q5_beam_search.ts',
      labDir: 'C:\\Users\\s\\.vscode\\extensions\\hw6-lab',
      problemTitle: 'Beam search',
    });
    assert.deepEqual(win.resolveSourceMapLocations, ['C:/Users/s/hw6/**', '!**/node_modules/**']);
    assert.deepEqual(win.skipFiles, ['<node_internals>/**', 'C:/Users/s/.vscode/extensions/hw6-lab/dist/**']);
  });
});
