// What the extension keeps of each finished run for the submission report: the whole run (findings,
// artifacts, log, outcome) with what it read (the student's file and answers.md), the latest per
// problem. Pure: the report is made from these, or the problem is run again when they are stale.
import type { Artifact, Finding, RunEvent } from '../../core/engine/events';
import type { ReportRun } from '../../core/report/types';
import type { ProblemInfo } from '../../core/problem';

export interface RunRecord extends ReportRun {
  checksOnly: boolean;
  /** Absent for a reference run (no student file). */
  studentFile?: string;
  /** The student's text the run read. */
  source?: string;
  cancelled: boolean;
}

/** Collects one run's events into a RunRecord. */
export class RunRecorder {
  private readonly findings: Finding[] = [];
  private readonly artifacts: Artifact[] = [];
  private readonly logs: Extract<RunEvent, { type: 'log' }>[] = [];
  private end: Extract<RunEvent, { type: 'done' | 'error' }> | undefined;
  private readonly started: number;

  constructor(
    private readonly problem: ProblemInfo,
    private readonly read: { checksOnly: boolean; studentFile?: string; source?: string; answersText?: string },
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  observe(event: RunEvent): void {
    if (event.type === 'finding') this.findings.push(event.finding);
    else if (event.type === 'artifact') this.artifacts.push(event.artifact);
    else if (event.type === 'log') this.logs.push(event);
    else if (event.type === 'done' || event.type === 'error') this.end = event;
  }

  finish(): RunRecord {
    const { checksOnly, studentFile, source, answersText } = this.read;
    return {
      problem: this.problem,
      ok: this.end?.type === 'done' ? this.end.ok : false,
      findings: this.findings,
      artifacts: this.artifacts,
      logs: this.logs,
      ...(this.end?.type === 'done' ? { done: this.end } : {}),
      ...(this.end?.type === 'error'
        ? { error: this.end }
        : {
            ...(this.end
              ? {}
              : {
                  error: {
                    type: 'error' as const,
                    reason: 'internal' as const,
                    message: 'The run ended without a result.',
                  },
                }),
          }),
      wallMs: this.now() - this.started,
      checksOnly,
      ...(studentFile !== undefined ? { studentFile, source } : {}),
      ...(answersText !== undefined ? { answersText } : {}),
      cancelled: this.end?.type === 'error' && this.end.reason === 'cancelled',
    };
  }
}

/** The latest whole run of each problem this session (check-only and cancelled runs do not replace one). */
export class RunHistory {
  private readonly latest = new Map<string, RunRecord>();
  private readonly listeners: ((record: RunRecord) => void)[] = [];

  add(record: RunRecord): void {
    if (!record.checksOnly && !record.cancelled) this.latest.set(record.problem.id, record);
    for (const l of this.listeners) l(record);
  }

  /** Every finished run, check-only and cancelled ones included (the work-time tracker counts them). */
  onRecord(listener: (record: RunRecord) => void): void {
    this.listeners.push(listener);
  }

  /** The latest whole run of `problemId` on `studentFile` with exactly `source`, else undefined (stale or none). */
  upToDate(problemId: string, studentFile: string, source: string): RunRecord | undefined {
    const r = this.latest.get(problemId);
    return r && r.studentFile === studentFile && r.source === source ? r : undefined;
  }
}
