// The student build's stand-in for labCount.staff.ts: no count of its own (it would be the
// probeAccuracy TODO's answer), so a run's cells carry no `lab` and q4.probe-count does not run;
// the probe accuracies the run shows are the student's probeAccuracy's.
import type { LabCount } from './labCount';

export const labCount: LabCount | undefined = undefined;
