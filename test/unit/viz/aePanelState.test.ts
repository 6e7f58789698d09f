// The Autoencoders panel's run bookkeeping (webview/autoencoders/state.ts, DOM-free): streamed cells
// join the live sweep or start a new one, a finished run becomes the previous one when the next run
// shows its first result, the same final run twice changes nothing, and a damaged stored state
// falls back to the defaults.
import assert from 'node:assert/strict';
import {
  currentView,
  initialState,
  isActive,
  onCancelRequested,
  onCell,
  onFinal,
  onRunStatus,
  onSnapshot,
  restoreState,
  runKey,
  type AePanelState,
} from '../../../webview/autoencoders/state';
import { aeFixtureRun } from '../../webview/fixtures/aeRun';

describe('autoencoders panel state', () => {
  const a = aeFixtureRun({ seed: 1 });
  const b = aeFixtureRun({ seed: 2, lossScale: 1.2 });

  it('collects streamed cells with their arrival times, then takes the final run', () => {
    let s = onRunStatus(initialState(), 'running', 1000);
    assert.deepEqual(s.live, { status: 'running', startedAt: 1000, arrivals: [], cells: [] });
    s = onCell(s, a.cells[0], 2000);
    s = onCell(s, a.cells[1], 2500);
    s = onCell(s, a.cells[1], 2600); // the same cell again (a reloaded snapshot): ignored
    assert.equal(s.live!.cells.length, 2);
    assert.deepEqual(
      s.live!.arrivals.map((x) => [x.index, x.at]),
      [
        [a.cells[0].index, 2000],
        [a.cells[1].index, 2500],
      ],
    );
    assert.equal(currentView(s)!.cells.length, 2);
    s = onFinal(s, a.final);
    assert.equal(s.run, a.final);
    assert.equal(s.live!.status, 'done');
    assert.equal(s.live!.cells.length, 0, 'the final holds the cells');
    assert.equal(currentView(s), a.final);
    assert.equal(onFinal(s, a.final), s, 'the same final again changes nothing');
  });

  it('moves the finished run to `previous` when the next run shows its first cell', () => {
    let s = onFinal(initialState(), a.final);
    s = onRunStatus(s, 'running', 0);
    assert.equal(s.run, a.final, 'still shown until the new run has a result');
    s = onCell(s, b.cells[0], 10);
    const key = (x: AePanelState['run']) => (x ? runKey(x) : undefined);
    assert.equal(key(s.previous), runKey(a.final));
    assert.equal(s.run, undefined);
    // The overlay keeps the numbers, not the digits (the stored state stays small).
    assert.deepEqual(
      s.previous!.cells.map((c) => c.finalValLoss),
      a.final.cells.map((c) => c.finalValLoss),
    );
    assert.ok(a.final.cells.some((c) => c.digits) && s.previous!.cells.every((c) => !c.digits));
    s = onCell(s, b.cells[1], 20);
    s = onFinal(s, b.final);
    assert.equal(s.run, b.final);
    assert.equal(key(s.previous), runKey(a.final));
    assert.equal(onFinal(s, a.final), s, 'a stale final (the previous run) changes nothing');
    // Without a runStatus: a cell whose index was already seen starts a new run.
    s = onCell(s, a.cells[0], 30);
    assert.equal(key(s.previous), runKey(b.final));
    assert.equal(s.live!.cells.length, 1);
    // A final that arrives with no cells before it also keeps the one it replaces.
    const t = onFinal(onFinal(initialState(), a.final), b.final);
    assert.equal(key(t.previous), runKey(a.final));
    assert.equal(t.run, b.final);
  });

  it('starts a new sweep when the grid size changes, and keeps late cells of a cancelled one', () => {
    let s = onCell(initialState(), a.cells[0], 0);
    s = onCancelRequested(s);
    assert.equal(s.live!.status, 'cancelling');
    assert.ok(isActive(s.live));
    s = onCell(s, a.cells[1], 5); // finished while the cancel travelled
    assert.equal(s.live!.cells.length, 2);
    s = onRunStatus(s, 'cancelled', 6);
    assert.equal(s.live!.status, 'cancelled');
    assert.ok(!isActive(s.live));
    s = onCell(s, { ...a.cells[2], total: 10, index: 2 }, 7);
    assert.equal(s.live!.cells.length, 1, 'another grid: a new sweep');
    s = onRunStatus(s, 'error', 8, 'out of memory');
    assert.deepEqual([s.live!.status, s.live!.message], ['error', 'out of memory']);
  });

  it('reads the init snapshot: a finished run with its cells, a running sweep, a run that stopped', () => {
    // The extension may keep the finished run's cells: they are not a new run.
    let s = onSnapshot(initialState(), { artifacts: [a.final, ...a.cells], running: false }, 0);
    assert.equal(s.run, a.final);
    assert.equal(s.previous, undefined);
    assert.equal(s.live, undefined);
    assert.equal(
      onSnapshot(s, { artifacts: [a.final, ...a.cells], running: false }, 1),
      s,
      'the same snapshot after a reload changes nothing',
    );
    // A sweep in progress: the last final is the previous run, the cells the live one.
    s = onSnapshot(initialState(), { artifacts: [a.final, ...b.cells.slice(0, 5)], running: true }, 10);
    assert.equal(runKey(s.previous!), runKey(a.final));
    assert.deepEqual([s.live!.status, s.live!.cells.length, s.live!.startedAt], ['running', 5, 10]);
    // Reloaded mid-run: known cells are kept once, new ones join.
    s = onSnapshot(s, { artifacts: [a.final, ...b.cells.slice(0, 7)], running: true }, 20);
    assert.deepEqual([s.live!.status, s.live!.cells.length], ['running', 7]);
    // Cells of a run that is no longer running, without a final: it stopped.
    const stopped = onSnapshot(initialState(), { artifacts: b.cells.slice(0, 3), running: false }, 0);
    assert.deepEqual([stopped.live!.status, stopped.live!.cells.length], ['cancelled', 3]);
  });

  it('restores a stored state safely', () => {
    assert.deepEqual(restoreState(undefined), initialState());
    const damaged = restoreState({
      run: { kind: 'autoencoders' },
      selection: { dataset: 'cifar', activation: 'relu', variant: 'masked' },
      sort: { key: 'nope', descending: true },
      overlay: false,
      live: { status: 'running', arrivals: [{ index: 'x' }], cells: [{}] },
    } as never);
    assert.equal(damaged.run, undefined);
    assert.deepEqual(damaged.selection, { dataset: 'synthetic', activation: 'relu', variant: 'masked' });
    assert.deepEqual(damaged.sort, initialState().sort);
    assert.equal(damaged.overlay, false);
    assert.deepEqual(damaged.live, { status: 'running', arrivals: [], cells: [] });
    const kept = restoreState(JSON.parse(JSON.stringify({ ...initialState(), run: a.final, previous: b.final })));
    assert.equal(runKey(kept.run!), runKey(a.final));
    assert.equal(runKey(kept.previous!), runKey(b.final));
  });
});
