// The 'HW6 Lab' output channel: every run's events, one readable line each.
import * as vscode from 'vscode';
import type { Artifact, RunEvent } from '../core/engine/events';
import { errorText } from './model/runResult';
import { problemUis } from '../core/problems/uis';

export class Output implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel = vscode.window.createOutputChannel('HW6 Lab', { log: true });

  show(): void {
    this.channel.show(true);
  }

  /** Writes one run event; `label` names the run (problem and file). */
  event(label: string, event: RunEvent): void {
    const c = this.channel;
    switch (event.type) {
      case 'progress':
        if (event.message) c.info(`[${label}] ${Math.round(event.fraction * 100)}% ${event.message}`);
        break;
      case 'metric':
        c.debug(`[${label}] ${event.name}[${event.step}] = ${event.value}`);
        break;
      case 'artifact':
        c.info(`[${label}] ${artifactSummary(event.artifact)}`);
        break;
      case 'finding': {
        const f = event.finding;
        const line = `[${label}] ${f.ok ? '✓' : '✗'} ${f.checkId}: ${f.message}`;
        if (f.ok) c.info(line);
        else if (f.severity === 'warning' || f.severity === 'info') c.warn(line);
        else c.error(line);
        break;
      }
      case 'log':
        (event.level === 'error' ? c.error : event.level === 'warn' ? c.warn : c.info).call(
          c,
          `[${label}] ${event.message}`,
        );
        break;
      case 'done':
        c.info(
          `[${label}] done: ${event.ok ? 'all checks passed' : 'some checks failed'} in ${(event.durationMs / 1000).toFixed(1)} s on ${event.backend}`,
        );
        break;
      case 'error':
        if (event.reason === 'cancelled') c.warn(`[${label}] cancelled`);
        else
          c.error(
            `[${label}] ${errorText(event)}${event.stack && event.reason === 'internal' ? `\n${event.stack}` : ''}`,
          );
        break;
    }
  }

  dispose(): void {
    this.channel.dispose();
  }
}

function artifactSummary(artifact: Artifact): string {
  const summary = SUMMARIES.get(artifact.kind);
  return summary ? summary(artifact) : `${artifact.kind}: ${'title' in artifact ? artifact.title : ''}`;
}

/** The problems' own lines for their artifacts, by kind. */
const SUMMARIES = new Map(
  problemUis.flatMap(
    (ui) => Object.entries(ui.artifactSummaries ?? {}) as [Artifact['kind'], (a: Artifact) => string][],
  ),
);
