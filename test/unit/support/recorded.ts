// The student build's recorded expectations (media/recorded-expected/<problem>.json) against a fresh
// staff-side computation: a stale recording fails. HW6_RECORD=1 rewrites the file instead (then
// review the diff and commit it).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
