import assert from 'node:assert/strict';
import { findMarkers, markerLine } from '../../../src/core/markers';

describe('TODO marker parser', () => {
  const text = [
    'import type { StepFn } from "hw6-lab";',
    '',
    'export function beamSearch() {',
    '  // TODO(hw6:q5.beam-search) implement me',
    '  /* TODO(hw6:q1.gcn-backward) */ const x = 1; // TODO(hw6:q1.train)',
    '  // TODO: an ordinary todo is not a marker',
    '  // TODO(hw6:) nor is an empty one',
    '}',
  ].join('\r\n');

  it('finds every marker with its 0-based line and column range', () => {
    const hits = findMarkers(text);
    assert.deepEqual(
      hits.map((h) => [h.id, h.line]),
      [
        ['q5.beam-search', 3],
        ['q1.gcn-backward', 4],
        ['q1.train', 4],
      ],
    );
    const first = hits[0]!;
    assert.equal(text.split('\r\n')[3]!.slice(first.start, first.end), 'TODO(hw6:q5.beam-search)');
  });

  it('looks a marker up by id', () => {
    assert.equal(markerLine(text, 'q1.train'), 4);
    assert.equal(markerLine(text, 'q9.none'), undefined);
  });
});
