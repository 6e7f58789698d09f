// Waiting for a webview's `ready`: messages posted before its script runs are lost, so callers
// (the runners, the host tests) wait for it, with a timeout.
import type * as vscode from 'vscode';

/** Resolves now when `ready`, else on the next `onDidBecomeReady`; rejects after `timeoutMs`. */
export function whenWebviewReady(
  ready: boolean,
  onDidBecomeReady: vscode.Event<unknown>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  if (ready) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`${what} did not become ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const sub = onDidBecomeReady(() => {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}
