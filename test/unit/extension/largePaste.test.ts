// What runs in the editor on every edit of a student file with results (the markers, the
// decorations' placement, where a deleted marker's function is) holds on the large and odd text a
// paste can bring: 2 000 lines, 3 000-deep nesting, a 200 000-character line, 500 copies of a
// marker, an unterminated comment. None of it recurses over the text, so no input overflows the
// stack (issue 15: a paste logged "RangeError: Maximum call stack size exceeded", which none of
// the lab's code was found to throw; test/host/largePaste.test.ts checks the same in VS Code).
import assert from 'node:assert/strict';
import { declarationLine, findMarkers } from '../../../src/core/markers';
import { markerOrDeclarationLine } from '../../../src/core/locate';
import { decorationsFor } from '../../../src/extension/model/decorationModel';
import { diagnosticsFor } from '../../../src/extension/model/diagnosticModel';
import { markerLines } from '../../../src/extension/model/placement';
import type { RunResult } from '../../../src/extension/model/runResult';

const DEPTH = 3_000;
const head = ['export function beamSearch(step, k, T) {', '  // TODO(hw6:q5.beam-search) keep the k best'];
const pastes: Record<string, string> = {
  '2 000 lines': Array.from({ length: 2_000 }, (_, i) => `  const v${i} = step([${i}]).map((x) => x * ${i});`).join(
    '\n',
  ),
  'nested parentheses': `  const deep = ${'('.repeat(DEPTH)}1${')'.repeat(DEPTH)};`,
  'nested arrays': `  const arrays = ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)};`,
  'a 200 000-character line': `  const long = "${'x'.repeat(200_000)}";`,
  'a line of 200 000 blanks': ' '.repeat(200_000),
  '500 copies of the marker': Array.from({ length: 500 }, () => '  // TODO(hw6:q5.beam-search) again').join('\n'),
  'an unterminated comment': '  /* TODO(hw6:q5.beam-search ' + '('.repeat(10_000),
  'a marker-like run': 'TODO(hw6:' + 'a.'.repeat(50_000),
};

const result: RunResult = {
  problemId: 'beam-search',
  findings: [{ checkId: 'q5.topk', ok: false, message: 'not the top-k', short: 'top-k ✗', marker: 'q5.beam-search' }],
};

describe('the editor models on a large paste', () => {
  for (const [what, paste] of Object.entries(pastes)) {
    it(`${what}: markers, decorations and diagnostics stay at the marker`, () => {
      const text = [...head, paste, '}'].join('\n');
      const ctx = { text, fileName: 'q5_beam_search.ts', markerIds: ['q5.beam-search'] };
      assert.equal(markerLines(text).get('q5.beam-search'), 1);
      assert.ok(findMarkers(text).length >= 1);
      const [d, ...rest] = decorationsFor(result, ctx, { stale: true });
      assert.deepEqual([d?.line, d?.stale, rest.length], [1, true, 0]);
      assert.deepEqual(
        diagnosticsFor(result, ctx).map((x) => x.line),
        [1],
      );
      // Without its marker, the finding goes to the function's declaration.
      const unmarked = text.replaceAll('TODO(hw6:q5.beam-search)', 'done');
      assert.equal(declarationLine(unmarked, ['beamSearch']), 0);
      assert.equal(markerOrDeclarationLine(unmarked, 'q5.beam-search'), 0);
    });
  }
});
