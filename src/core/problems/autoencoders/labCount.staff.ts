// Staff side of the lab's accuracy count (labCount.ts): the argmax of each row's logits against its
// label, which is what the probeAccuracy TODO asks, so it never ships in the student build. It judges
// the run's probe accuracies (q4.probe-count) and makes q4.probe-accuracy's expected values
// (expected.staff.ts).
import type { LabCount } from './labCount';

/** The fraction of rows whose largest logit (the first on a tie) is at the label. */
export function countAccuracy(logits: ArrayLike<number>, labels: ArrayLike<number>, classes: number): number {
  const n = labels.length;
  if (n === 0) return 0;
  let correct = 0;
  for (let r = 0; r < n; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (logits[r * classes + c]! > logits[r * classes + best]!) best = c;
    if (best === labels[r]) correct++;
  }
  return correct / n;
}

/** The count the run's cells carry for q4.probe-count. */
export const labCount: LabCount | undefined = countAccuracy;
