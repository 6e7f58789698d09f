// Debugging the student's file through VS Code's debug API: a breakpoint in the fixture's (wrong)
// beam search stops the run at its line in q5_beam_search.ts (js-debug attached to the run's child
// through the module's inline source map); paused past the time limit, the run is not killed, and
// once continued it ends with its normal outcome and its debug session; stopping the session
// cancels the run. Nothing here edits a file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunOutcome } from '../../src/extension/runController';
import {
  activateApi,
  codeOf,
  fixtureUri,
  hw6Diagnostics,
  renderedElements,
  waitFor,
  waitForAsync,
  workbenchScreenshot,
  WRONG_BEAM_SEARCH_FAILURES as EXPECTED_FAILURES,
} from './helpers';

interface Stop {
  session: vscode.DebugSession;
  reason: string;
  threadId: number;
}

interface Frame {
  line: number;
  presentationHint?: string;
  source?: { path?: string; presentationHint?: string };
}

/**
 * Every debug session has ended, as the API reports it (onDidTerminateDebugSession). Not
 * `debug.activeDebugSession === undefined`: VS Code 1.139's extension host now and then keeps naming
 * an ended parent session there (src/extension/debugRun.ts says why) while the workbench shows none.
 * A loaded machine's workbench can take many seconds to process the ends: a generous timeout.
 */
async function sessionsEnded(live: Set<string>): Promise<void> {
  await waitFor('the debug sessions to end', () => (live.size === 0 ? true : undefined), 120_000);
}

/** Whether the workbench shows its debug toolbar (what a student sees while a session is up). */
async function debugToolbarShown(): Promise<boolean> {
  const bars = await renderedElements('.debug-toolbar');
  return bars.some((b) => b.box.right - b.box.left > 0 && b.box.bottom - b.box.top > 0);
}

describe('debugging', function () {
  this.timeout(300_000);
  const wrong = fixtureUri('q5_beam_search.ts');
  const stops: Stop[] = [];
  let tracker: vscode.Disposable;
  const listeners: vscode.Disposable[] = [];
  /** Sessions started and not yet ended (a run's: js-debug's attach session and its target's). */
  const live = new Set<string>();
  let breakpoint: vscode.SourceBreakpoint;
  /** 0-based: the first statement inside beamSearch (read from the file, so the test follows edits to it). */
  let line: number;

  before(async () => {
    await activateApi();
    const text = (await vscode.workspace.openTextDocument(wrong)).getText().split(/\r?\n/);
    line = text.findIndex((l) => l.includes('let beams'));
    assert.ok(line > 0, 'the fixture declares its beams inside beamSearch');
    // a 1 s limit: a paused run the limit applied to would be killed within 4 × 1 s + 1 s of wall time
    await vscode.workspace.getConfiguration('hw6').update('timeLimitSeconds', 1, vscode.ConfigurationTarget.Global);
    // VS Code saves dirty editors before a debug session starts (an untitled one through a Save As
    // dialog, which nobody answers here): nothing another test left open is saved, nor the fixture
    await vscode.workspace
      .getConfiguration('debug')
      .update('saveBeforeStart', 'none', vscode.ConfigurationTarget.Global);
    listeners.push(
      vscode.debug.onDidStartDebugSession((s) => live.add(s.id)),
      vscode.debug.onDidTerminateDebugSession((s) => live.delete(s.id)),
    );
    tracker = vscode.debug.registerDebugAdapterTrackerFactory('*', {
      createDebugAdapterTracker: (session) => ({
        onDidSendMessage: (m: { type?: string; event?: string; body?: { reason?: string; threadId?: number } }) => {
          if (m.type === 'event' && m.event === 'stopped')
            stops.push({ session, reason: m.body?.reason ?? '', threadId: m.body?.threadId ?? 0 });
        },
      }),
    });
  });
  beforeEach(() => {
    stops.length = 0;
    breakpoint = new vscode.SourceBreakpoint(new vscode.Location(wrong, new vscode.Position(line, 0)));
    vscode.debug.addBreakpoints([breakpoint]);
  });
  afterEach(async () => {
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    await vscode.debug.stopDebugging();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(async () => {
    tracker.dispose();
    for (const l of listeners) l.dispose();
    await vscode.workspace
      .getConfiguration('hw6')
      .update('timeLimitSeconds', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace
      .getConfiguration('debug')
      .update('saveBeforeStart', undefined, vscode.ConfigurationTarget.Global);
  });

  it('stops at a breakpoint in the student file, at its line, and the run then ends as a run does', async () => {
    const outcome = vscode.commands.executeCommand<RunOutcome>('hw6.debugMarker', wrong, 'q5.beam-search');
    const stop = await waitFor('the debugger to stop', () => stops[0], 180_000);
    assert.equal(stop.reason, 'breakpoint', 'the first stop is the breakpoint, not the child paused at its start');
    const trace = (await stop.session.customRequest('stackTrace', {
      threadId: stop.threadId,
      startFrame: 0,
      levels: 1,
    })) as { stackFrames: Frame[] };
    const top = trace.stackFrames[0]!;
    // code-server's js-debug names it by its remote URI (/vscode-remote://<host>/<path>)
    assert.ok(top.source?.path?.endsWith(wrong.path), `stopped in ${top.source?.path}`);
    assert.equal(top.line, line + 1, 'the stopped line (1-based) is the breakpoint line');
    // the student's own frame, not one the debugger skips (skipFiles names the lab's bundles only)
    assert.notEqual(top.source?.presentationHint, 'deemphasize', 'the frame is not skipped');
    // the editor shows the student's file at the stopped line
    await waitFor('q5_beam_search.ts open at the stopped line', () => {
      const editor = vscode.window.activeTextEditor;
      return editor?.document.uri.fsPath === wrong.fsPath && editor.selection.active.line === line ? true : undefined;
    });
    // paused longer than a 1 s limit allows (the screenshot takes a while too): no time limit kills it
    await new Promise((r) => setTimeout(r, 6_000));
    await workbenchScreenshot('debug-stop.png');
    assert.equal(vscode.debug.activeDebugSession !== undefined, true, 'still debugging');

    vscode.debug.removeBreakpoints([breakpoint]);
    await stop.session.customRequest('continue', { threadId: stop.threadId });
    const result = await outcome;
    assert.equal(result?.status, 'done', JSON.stringify(result?.error));
    assert.deepEqual(hw6Diagnostics(wrong).map(codeOf).sort(), EXPECTED_FAILURES);
    await sessionsEnded(live);
  });

  it("the Testing view's Debug profile stops at the breakpoint too, and its results land in the view", async () => {
    const { api } = await activateApi();
    const topk = 'beam-search/q5.beam-search/q5.topk';
    const debugging = api.testing.run('debug', [topk]);
    const stop = await waitFor('the debugger to stop', () => stops[0], 180_000);
    assert.equal(stop.reason, 'breakpoint');
    vscode.debug.removeBreakpoints([breakpoint]);
    await stop.session.customRequest('continue', { threadId: stop.threadId });
    await debugging;
    await sessionsEnded(live);
    // recorded once the session is gone (runController.ts): the view shows the run's verdict
    await waitFor("q5.topk's result in the Testing view", () =>
      api.testing.resultOf(topk)?.state === 'failed' ? true : undefined,
    );
  });

  it('stopping the debug session cancels the run', async () => {
    const outcome = vscode.commands.executeCommand<RunOutcome>('hw6.debugMarker', wrong, 'q5.beam-search');
    await waitFor('the debugger to stop', () => stops[0], 180_000);
    await vscode.debug.stopDebugging();
    assert.equal((await outcome)?.status, 'cancelled');
  });

  // The run's kill ends js-debug's sessions (debugRun.ts sends no stop request of its own: one sent
  // during js-debug's teardown raced it); the student sees the debugger gone without pressing Stop.
  it('a cancelled run ends its debug session', async () => {
    const outcome = vscode.commands.executeCommand<RunOutcome>('hw6.debugMarker', wrong, 'q5.beam-search');
    await waitFor('the debugger to stop', () => stops[0], 180_000);
    assert.ok(live.size > 0, 'a debug session is up');
    await waitForAsync('the debug toolbar while paused', async () => ((await debugToolbarShown()) ? true : undefined));
    assert.equal(await vscode.commands.executeCommand('hw6.stopRun'), 1);
    assert.equal((await outcome)?.status, 'cancelled');
    await sessionsEnded(live);
    await waitForAsync('the debug toolbar to go', async () => ((await debugToolbarShown()) ? undefined : true));
  });
});
