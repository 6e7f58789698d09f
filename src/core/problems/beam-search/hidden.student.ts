// The student build's stand-in for hidden.staff.ts: hidden checks are for grading runs, which only
// the staff's CLI makes, and their cases are not shipped to students.
import type { Finding } from '../../engine/events';
import type { ChildCalls } from '../../problem';

export async function hiddenChecks(_child: ChildCalls, _seed: number): Promise<Finding[]> {
  return [];
}
