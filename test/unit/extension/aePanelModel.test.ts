import assert from 'node:assert/strict';
import {
  AE_EMPTY,
  aeCellArrived,
  aeFinalArrived,
  aeRunEnded,
  aeRunStarted,
  aeSnapshot,
} from '../../../src/core/problems/autoencoders/ui';
import { parseFromWebview, parseToWebview } from '../../../src/core/protocol';
import { fixtureAeRun, fixtureCellArtifacts, fixtureCells } from '../../fixtures/ae-artifact';

describe('Autoencoders panel state', () => {
  const cells = fixtureCellArtifacts(fixtureCells([5]));
  const first = fixtureAeRun(cells.map((c) => c.cell));
  const second = { ...first, title: 'second run' };

  it('a reload mid-run gets the previous whole run and the cells so far; after the run, the new whole run alone', () => {
    let state = aeFinalArrived(aeRunStarted(AE_EMPTY), first);
    state = aeRunEnded(state);
    state = aeRunStarted(state);
    state = aeCellArrived(aeCellArrived(state, cells[0]!), cells[1]!);
    const mid = aeSnapshot(state);
    assert.equal(mid.running, true);
    assert.deepEqual(
      mid.artifacts,
      [first, cells[0], cells[1]],
      'the previous run stays for the overlay; the cells so far follow it',
    );
    // What the webview checks before it draws (parseToWebview): the snapshot passes.
    assert.ok(parseToWebview({ type: 'init', version: 1, snapshot: mid }));

    state = aeRunEnded(aeFinalArrived(state, second));
    const end = aeSnapshot(state);
    assert.deepEqual([end.running, end.artifacts], [false, [second]]);
  });

  it('a cancelled run keeps its cells (and the previous whole run) until the next run starts', () => {
    let state = aeRunEnded(aeFinalArrived(aeRunStarted(AE_EMPTY), first));
    state = aeRunEnded(aeCellArrived(aeRunStarted(state), cells[0]!));
    assert.deepEqual([state.running, state.final?.title, state.cells.length], [false, first.title, 1]);
    state = aeRunStarted(state);
    assert.deepEqual([state.running, state.final?.title, state.cells.length], [true, first.title, 0]);
  });

  it('an empty panel has no run and no cells', () => {
    assert.deepEqual(aeSnapshot(AE_EMPTY), { artifacts: [], running: false });
  });

  it('run states are messages the webview accepts; its Cancel is one the extension accepts', () => {
    assert.ok(
      parseToWebview({ type: 'runStatus', problemId: 'autoencoders', state: 'running', run: 1, fraction: 0.5 }),
    );
    assert.deepEqual(
      parseToWebview({ type: 'runStatus', problemId: 'autoencoders', state: 'cancelled', message: 'Cancelled' }),
      {
        type: 'runStatus',
        problemId: 'autoencoders',
        state: 'cancelled',
        message: 'Cancelled',
      },
    );
    assert.deepEqual(parseFromWebview({ type: 'cancelRun' }), { type: 'cancelRun' });
    assert.equal(parseFromWebview({ type: 'cancelrun' }), undefined);
  });
});
