// The student build's recorded expectations (media/recorded-expected/<problem>.json) against a fresh
// staff-side computation: a stale recording fails. HW6_RECORD=1 rewrites the file instead (then
// review the diff and commit it).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../../src/core/engine/events';
import { repoRoot } from './repo';

export function recordingPath(problemId: string): string {
  return join(repoRoot(), 'media', 'recorded-expected', `${problemId}.json`);
}

/** Asserts the recording equals `fresh` (as JSON), or rewrites it when HW6_RECORD=1. */
export function assertRecordingFresh(problemId: string, fresh: unknown): void {
  const path = recordingPath(problemId);
  const json = `${JSON.stringify(fresh)}\n`;
  if (process.env.HW6_RECORD === '1') writeFileSync(path, json);
  assert.deepEqual(
    JSON.parse(readFileSync(path, 'utf8')),
    JSON.parse(json),
    `${path} is stale: rerun this test with HW6_RECORD=1 and commit the file`,
  );
}

/** Each solution's findings from the recorded expectations equal the live ones', and pass or fail as said. */
export async function assertSameFindings<E>(
  solutions: [name: string, exports: object, passes: boolean][],
  findings: (exports: object, expect: E) => Promise<Finding[]>,
  live: E,
  recorded: E,
): Promise<void> {
  for (const [name, exports, passes] of solutions) {
    const [a, b] = [await findings(exports, live), await findings(exports, recorded)];
    assert.deepEqual(b, a, name);
    assert.equal(
      a.every((f) => f.ok),
      passes,
      `${name}: ${a.filter((f) => !f.ok).map((f) => f.checkId)}`,
    );
  }
}
