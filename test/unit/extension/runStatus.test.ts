import assert from 'node:assert/strict';
import { statusEnded, statusProgress, statusStale, statusStarted } from '../../../src/extension/model/runStatus';
import { opensFileDirectly, servedFile } from '../../../src/extension/model/reportLink';
import { parseToWebview } from '../../../src/core/protocol';

describe('run status of a panel or side view', () => {
  it('a run goes running → progress → ended, keeping its number; the page accepts each step', () => {
    let s = statusStarted(3);
    assert.deepEqual(s, { state: 'running', run: 3 });
    s = statusProgress(s, 0.421, 'training')!;
    assert.deepEqual(s, { state: 'running', run: 3, fraction: 0.421, detail: 'training' });
    assert.ok(parseToWebview({ type: 'runStatus', problemId: 'zkc', ...s }));
    const failed = statusEnded(s, { state: 'error', message: 'boom at line 3' });
    assert.deepEqual(failed, { state: 'error', message: 'boom at line 3', run: 3 });
    assert.deepEqual(statusEnded(s, { state: 'done', failedChecks: 2 }), { state: 'done', run: 3, failedChecks: 2 });
    assert.deepEqual(statusEnded(s, { state: 'done', failedChecks: 0 }), { state: 'done', run: 3 });
  });

  it('progress is passed on only when it moves a whole percent or says something new', () => {
    const s = statusProgress(statusStarted(1), 0.5, 'a')!;
    assert.equal(statusProgress(s, 0.505, 'a'), undefined);
    assert.equal(statusProgress(s, 0.505, undefined), undefined);
    assert.equal(statusProgress(s, 0.51, 'a')?.fraction, 0.51);
    assert.equal(statusProgress(s, 0.505, 'b')?.detail, 'b');
    assert.equal(statusProgress(statusEnded(s, { state: 'done' }), 0.9, 'late'), undefined, 'not after the end');
    assert.equal(statusProgress(undefined, 0.9, undefined), undefined);
  });

  it('stale comes and goes with the file; no change is no message', () => {
    const done = statusEnded(statusStarted(2), { state: 'done' });
    const stale = statusStale(done, true)!;
    assert.equal(stale.stale, true);
    assert.equal(statusStale(stale, true), undefined);
    assert.deepEqual(statusStale(stale, false), done);
    assert.equal(statusStale(undefined, true), undefined);
    assert.equal(statusEnded(stale, { state: 'done' }).stale, true, 'an edit during the run keeps it stale');
  });

  it('the page rejects a malformed status', () => {
    for (const bad of [{ state: 'paused' }, { state: 'running', fraction: 2 }, { state: 'done', failedChecks: -1 }])
      assert.equal(parseToWebview({ type: 'runStatus', problemId: 'zkc', ...bad }), undefined, JSON.stringify(bad));
  });
});

describe('opening the exported report', () => {
  it('a desktop window on the student’s machine opens the file; a browser workbench or remote window does not', () => {
    assert.equal(opensFileDirectly({ desktop: true, remoteName: undefined }), true);
    assert.equal(opensFileDirectly({ desktop: false, remoteName: undefined }), false);
    assert.equal(opensFileDirectly({ desktop: true, remoteName: 'ssh-remote' }), false);
  });

  it('the report server serves the two report files under its token and nothing else', () => {
    assert.equal(servedFile('/tok/report.html', 'tok'), 'report.html');
    assert.equal(servedFile('/tok/report.md?x=1', 'tok'), 'report.md');
    for (const path of [
      '/tok/answers.md',
      '/tok/..%2Freport.html',
      '/other/report.html',
      '/tok/',
      '/report.html',
      '/tok/constructor',
    ])
      assert.equal(servedFile(path, 'tok'), undefined, path);
  });
});
