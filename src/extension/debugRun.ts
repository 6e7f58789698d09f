// A debug run's session: when the run's child listens (its inspector on 127.0.0.1), VS Code's
// JavaScript debugger attaches to it; the run and the session end together — stopping the session
// cancels the run, and a run that ends (done, failed or cancelled) ends the session (its process is gone).
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { InspectorAddress } from '../runner/inspectorOutput';
import { DEBUG_RUN_KEY, debugAttachConfig } from './model/debugAttach';
import type { Output } from './output';

/**
 * Every run ends by killing its process, and js-debug then ends the run's sessions by itself (the
 * inspector's socket closes; an attach still connecting gives up after its `timeout`, 30 s). The lab
 * sends no stop request of its own: one sent while js-debug tears down only races it. Only a session
 * that outlives its process by this long is stopped, so that the Testing view's record never waits
 * for ever.
 *
 * (`debug.activeDebugSession` may still name the ended parent session: VS Code 1.139's workbench
 * focuses the parent when its target's session ends after it, and the extension host re-creates a
 * session it no longer knows from that focus event. The workbench shows no session; the host test
 * checks the sessions' ends and the debug toolbar instead.)
 */
const ORPHAN_MS = 45_000;

/** What the RunController asks of a debug run's session. */
export interface DebugHooks {
  /** The child waits at `address`: attach the debugger; `cancel` stops the run. */
  attach(address: InspectorAddress, cancel: () => void): void;
  /**
   * The run is over and its process killed: its session ends (js-debug's doing; see ORPHAN_MS).
   * Settles once no session of the run is left; the Testing view records the run only then.
   */
  ended(): Promise<void>;
}

export function debugHooks(options: {
  document: vscode.TextDocument;
  extensionUri: vscode.Uri;
  problemTitle: string;
  output: Output;
}): DebugHooks {
  const runId = randomUUID();
  let session: vscode.DebugSession | undefined;
  let over = false;
  let gone: () => void = () => undefined;
  /** Settles when the run's session has ended (or never started). */
  const sessionGone = new Promise<void>((resolve) => (gone = resolve));
  const listeners: vscode.Disposable[] = [];
  const dispose = (): void => {
    for (const l of listeners.splice(0)) l.dispose();
    if (over) gone();
  };
  /** Once the run is over (its process killed): js-debug ends the session; one it leaves is stopped. */
  const stop = (): void => {
    if (!session) {
      if (listeners.length === 0) gone(); // never attached, or its session already ended
      return; // still starting: stop() runs again when it starts
    }
    // the session's end (onDidTerminateDebugSession) disposes the listeners and settles sessionGone
    const target = session;
    const orphan = setTimeout(() => {
      if (session !== target) return;
      options.output.channel.info('[debug] the debug session outlived its process: it is stopped');
      void vscode.debug.stopDebugging(target);
    }, ORPHAN_MS);
    void sessionGone.then(() => clearTimeout(orphan));
  };
  return {
    attach(address, cancel) {
      if (over) return;
      const ours = (s: vscode.DebugSession | undefined): boolean =>
        s !== undefined && (s.configuration[DEBUG_RUN_KEY] === runId || ours(s.parentSession));
      listeners.push(
        // js-debug kills an attached process when its session is stopped: the run is cancelled first,
        // as VS Code asks (the adapter hears it after this tracker), so it ends "cancelled", not killed
        vscode.debug.registerDebugAdapterTrackerFactory('*', {
          createDebugAdapterTracker: (s) =>
            ours(s)
              ? {
                  onWillReceiveMessage: (m: { type?: string; command?: string }) => {
                    if (over || m.type !== 'request' || (m.command !== 'disconnect' && m.command !== 'terminate'))
                      return;
                    options.output.channel.info('[debug] the debug session was stopped: so is the run');
                    cancel();
                  },
                }
              : undefined,
        }),
        vscode.debug.onDidStartDebugSession((s) => {
          if (session || s.configuration[DEBUG_RUN_KEY] !== runId) return;
          session = s;
          if (over) stop();
        }),
        vscode.debug.onDidTerminateDebugSession((s) => {
          if (s !== session) return;
          session = undefined;
          dispose();
          if (over) return gone();
          options.output.channel.info('[debug] the debug session ended: so does the run');
          cancel();
        }),
      );
      const folder = vscode.workspace.getWorkspaceFolder(options.document.uri);
      const config = debugAttachConfig({
        runId,
        address,
        studentFile: options.document.uri.fsPath,
        labDir: options.extensionUri.fsPath,
        problemTitle: options.problemTitle,
      });
      options.output.channel.info(
        `[debug] attaching the debugger to the run's process at ${address.host}:${address.port}`,
      );
      vscode.debug.startDebugging(folder, config).then(
        (started) => {
          if (started) return;
          options.output.channel.warn('[debug] the debugger did not start: the run is stopped');
          dispose();
          cancel();
        },
        (err: unknown) => {
          options.output.channel.warn(`[debug] the debugger did not start (${String(err)}): the run is stopped`);
          dispose();
          cancel();
        },
      );
    },
    ended() {
      over = true;
      stop();
      return sessionGone;
    },
  };
}
