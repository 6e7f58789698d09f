// The webview's half of the one ready/version handshake every HW6 Lab webview shares: it says
// `ready` once drawn, and reads an `init` only in the protocol version it speaks.
import { PROTOCOL_VERSION, type PanelSnapshot, type ToWebview } from '../../src/core/protocol';
import type { PanelBridge } from './vscodeApi';

/** Says `ready` once the page is drawn: the extension answers with `init` (messages sent before are lost). */
export function sayReady(bridge: PanelBridge<unknown>): void {
  bridge.post({ type: 'ready', version: PROTOCOL_VERSION });
}

/** The snapshot of an `init` in this page's protocol version (clearing any error shown); otherwise shows why not and returns undefined. */
export function initSnapshot(
  message: Extract<ToWebview, { type: 'init' }>,
  showError: (text: string | undefined) => void,
): PanelSnapshot | undefined {
  if (message.version !== PROTOCOL_VERSION) {
    showError(
      `This panel speaks protocol version ${PROTOCOL_VERSION}, the extension sent version ${message.version}. Reload the window.`,
    );
    return undefined;
  }
  showError(undefined);
  return message.snapshot;
}
