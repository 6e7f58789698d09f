// The line every panel and side view shows about its problem's latest run (RunStatusView from the
// extension): a progress bar while it runs, why it failed, that it was cancelled or that checks
// failed. A page that draws the latest run's artifacts may add what its drawing is (the beam view
// says when its tree is older than the latest run, or the file changed since).
import './runBanner.css';
import type { RunStatusView, ToWebview } from '../../src/core/protocol';
import { h } from './dom';

export interface RunBanner {
  readonly element: HTMLElement;
  /** The status now (undefined: no run this session). */
  readonly status: RunStatusView | undefined;
  /** Shows `status` (undefined hides the banner). */
  show(status: RunStatusView | undefined): void;
  /** Takes a `runStatus` for this problem; true when it was one. */
  handle(message: ToWebview): boolean;
}

/** The banner's words for a status: a short headline and, when known, why. */
export function runStatusText(status: RunStatusView): { kind: string; headline: string; detail?: string } | undefined {
  switch (status.state) {
    case 'running': {
      const percent = status.fraction !== undefined ? ` ${Math.round(status.fraction * 100)} %` : '';
      return { kind: 'running', headline: `Running…${percent}`, ...(status.detail ? { detail: status.detail } : {}) };
    }
    case 'error':
      return {
        kind: 'failed',
        headline: 'The latest run failed.',
        ...(status.message ? { detail: status.message } : {}),
      };
    case 'cancelled':
      return { kind: 'cancelled', headline: 'The latest run was cancelled.' };
    case 'done':
      return status.failedChecks
        ? {
            kind: 'checks-failed',
            headline: `The latest run finished; ${status.failedChecks} check${status.failedChecks === 1 ? '' : 's'} failed.`,
            detail: 'The Problems panel and the TODO markers say which.',
          }
        : undefined;
  }
}

export function runBanner(problemId: string): RunBanner {
  const headline = h('strong', { class: 'run-headline' });
  const detail = h('span', { class: 'run-detail' });
  const bar = h('progress', { class: 'run-progress', attrs: { max: '1', 'aria-label': 'Run progress' } });
  const element = h(
    'div',
    { class: 'run-banner', attrs: { role: 'status', 'aria-live': 'polite' } },
    headline,
    bar,
    detail,
  );
  element.hidden = true;
  let current: RunStatusView | undefined;

  const show = (status: RunStatusView | undefined): void => {
    current = status;
    const text = status && runStatusText(status);
    element.hidden = !text;
    if (!text || !status) return;
    element.className = `run-banner ${text.kind}`;
    element.dataset.state = status.state;
    headline.textContent = text.headline;
    detail.textContent = text.detail ?? '';
    detail.hidden = !text.detail;
    bar.hidden = status.state !== 'running';
    // an indeterminate bar until the run says how far it is
    if (status.fraction !== undefined) bar.value = status.fraction;
    else bar.removeAttribute('value');
  };

  return {
    element,
    get status() {
      return current;
    },
    show,
    handle(message) {
      if (message.type !== 'runStatus' || message.problemId !== problemId) return false;
      const { type: _type, problemId: _id, ...status } = message;
      show(status);
      return true;
    },
  };
}
