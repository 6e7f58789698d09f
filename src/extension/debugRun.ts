// A debug run's session: when the run's child listens (its inspector on 127.0.0.1), VS Code's
// JavaScript debugger attaches to it; the run and the session end together — stopping the session
// cancels the run, and a run that ends (done, failed or cancelled) stops the session.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { InspectorAddress } from '../runner/inspectorOutput';
import { DEBUG_RUN_KEY, debugAttachConfig } from './model/debugAttach';
import type { Output } from './output';

/** A run's session still up this long after it was asked to stop is asked again, a few times. */
const STOP_RETRY_MS = 2000;
const STOP_RETRIES = 5;

/** What the RunController asks of a debug run's session. */
export interface DebugHooks {
  /** The child waits at `address`: attach the debugger; `cancel` stops the run. */
  attach(address: InspectorAddress, cancel: () => void): void;
  /**
   * The run is over: stop its session (now, or as soon as it starts). Settles once no session of the
   * run is left; the Testing view records the run only then. (Seen in the host tests: with a test run
   * open, stopping only the attach session left js-debug's child session, and so both, running.)
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
  const children: vscode.DebugSession[] = [];
  const dispose = (): void => {
    for (const l of listeners.splice(0)) l.dispose();
    if (over) gone();
  };
  /** Once the run is over: stop its session; one still starting is stopped when it starts. */
  const stop = (): void => {
    if (!session) {
      if (listeners.length === 0) gone(); // never attached, or its session already ended
      return;
    }
    // the session's end (onDidTerminateDebugSession) disposes the listeners and settles sessionGone;
    // its target's session (js-debug's child) first, which a test run's live state otherwise keeps
    const target = session;
    const ask = (): void => {
      for (const child of children) void vscode.debug.stopDebugging(child);
      void vscode.debug.stopDebugging(target);
      // js-debug sometimes leaves the attach session up once its process is gone: ask it directly too
      void Promise.resolve(target.customRequest('disconnect', { terminateDebuggee: false })).catch(() => undefined);
    };
    ask();
    // and again while it is still up (seen in the host tests: a stop request now and then goes unheard)
    let tries = 0;
    const again = setInterval(() => {
      if (session !== target || ++tries > STOP_RETRIES) return clearInterval(again);
      ask();
    }, STOP_RETRY_MS);
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
          if (session && s.parentSession === session) children.push(s);
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
