// The lab's own count of a probe's accuracy, for the run's q4.probe-count: the staff side counts
// (labCount.staff.ts); the student build resolves './labCount.staff' to './labCount.student', which
// has none, since the count is what the probeAccuracy TODO asks.
export { labCount } from './labCount.staff';

/** Counts the fraction of rows (logits n × classes, row-major) whose largest logit is at the label. */
export type LabCount = (logits: ArrayLike<number>, labels: ArrayLike<number>, classes: number) => number;
