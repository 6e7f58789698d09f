// The panel's side of the webview bridge: typed posting, validated receiving, persisted state.
import { z } from 'zod';
import { parseToWebview, type FromWebview, type ToWebview } from '../../src/core/protocol';

// Before any message is validated (protocol.ts builds its schemas on first use): without it zod
// probes `new Function`, which the strict CSP forbids and reports.
z.config({ jitless: true });

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface PanelBridge<S> {
  post(message: FromWebview): void;
  /** Validated messages only; malformed ones are reported to the extension's log and dropped. */
  onMessage(listener: (message: ToWebview) => void): void;
  getState(): Partial<S> | undefined;
  setState(state: S): void;
}

let api: VsCodeApi | undefined;

/** acquireVsCodeApi may be called once per page: every caller shares this bridge. */
export function panelBridge<S>(): PanelBridge<S> {
  api ??= acquireVsCodeApi();
  const vscode = api;
  return {
    post: (message) => vscode.postMessage(message),
    onMessage(listener) {
      window.addEventListener('message', (event: MessageEvent) => {
        const message = parseToWebview(event.data);
        if (!message) {
          const type =
            typeof event.data === 'object' && event.data !== null
              ? String((event.data as { type?: unknown }).type)
              : typeof event.data;
          vscode.postMessage({
            type: 'log',
            level: 'warn',
            message: `Ignored a malformed message (type ${type.slice(0, 50)}).`,
          } satisfies FromWebview);
          return;
        }
        listener(message);
      });
    },
    getState: () => {
      const state = vscode.getState();
      return typeof state === 'object' && state !== null ? (state as Partial<S>) : undefined;
    },
    setState: (state) => vscode.setState(state),
  };
}
