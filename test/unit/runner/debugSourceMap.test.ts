// A debug run's module carries a source map back to the student's .ts: every token of the compiled
// code (loop guards inserted before it on its line or not) maps to its own line and column in the
// .ts, and V8 reports the map with the script the child compiles, which is what js-debug reads.
import { strict as assert } from 'node:assert';
import { Session } from 'node:inspector';
import { encodedMap, originalPositionFor, TraceMap, type EncodedSourceMap } from '@jridgewell/trace-mapping';
import { compileStudent } from '../../../src/runner/compile';
import { shiftedForInsertions } from '../../../src/runner/debugSourceMap';
import { applyInsertions, loopGuardInsertions, LOOP_GUARD } from '../../../src/runner/loopGuard';
import { loadStudentModule } from '../../../src/runner/load';

const FILE = '/ws/q5_beam_search.ts';
const SOURCE = [
  "import type { StepFn } from 'hw6-lab';",
  'type Pair<T> = [T, T];',
  'export function beamSearch(step: StepFn, k: number, T: number): number {',
  '  let total: number = 0;',
  '  for (let t = 1; t <= T; t++) { const logProbs: number[] = step([t]); total += logProbs.length; }',
  '  for (let i: number = 0; i < k; i++) total -= 1; let after: number = total;',
  '  while (total > 100) { total /= 2 }',
  '  return after + (total as number);',
  '}',
].join('\n');

function inlineMap(code: string): EncodedSourceMap {
  const m = /\n\/\/# sourceMappingURL=data:application\/json;charset=utf-8;base64,([A-Za-z0-9+/=]+)\n$/.exec(code);
  assert.ok(m, 'the module ends with an inline source map');
  return JSON.parse(Buffer.from(m[1]!, 'base64').toString('utf8')) as EncodedSourceMap;
}

/** Where `token` (its `nth` occurrence on `line`, 1-based) is in `text`: [line, 0-based column]. */
function at(text: string, line: number, token: string, nth = 0): [number, number] {
  const row = text.split('\n')[line - 1]!;
  let column = -1;
  for (let i = 0; i <= nth; i++) column = row.indexOf(token, column + 1);
  assert.ok(column >= 0, `${token} on line ${line}`);
  return [line, column];
}

describe('debug source map', () => {
  const code = compileStudent(SOURCE, FILE, { sourceMap: true });
  const map = new TraceMap(inlineMap(code));

  it('names the student file beside the module as its one source', () => {
    assert.deepEqual(inlineMap(code).sources, ['q5_beam_search.ts']);
  });

  it('maps every token back to its line and column in the .ts, after the loop guards too', () => {
    assert.ok(code.includes(`${LOOP_GUARD}();`), 'the module has loop guards');
    const tokens: [number, string, number?][] = [
      [4, 'total'],
      [5, 'const'],
      [5, 'logProbs'],
      [5, 'total'],
      [6, 'total'],
      [6, 'after'],
      [7, 'total', 1],
      [8, 'after'],
    ];
    for (const [line, token, nth] of tokens) {
      const [genLine, genColumn] = at(code, line, token, nth);
      const original = originalPositionFor(map, { line: genLine, column: genColumn });
      assert.deepEqual(
        [original.source, original.line, original.column],
        ['q5_beam_search.ts', ...at(SOURCE, line, token, nth)],
        `${token} on line ${line}`,
      );
    }
  });

  it('is absent from a run that is not debugged, whose lines are the same', () => {
    const plain = compileStudent(SOURCE, FILE);
    assert.ok(!plain.includes('sourceMappingURL'));
    assert.deepEqual(code.split('\n').slice(0, SOURCE.split('\n').length), plain.split('\n'));
  });

  it('shifts only the columns at or after an insertion on its line', () => {
    const js = 'a;\nfor (;;) { b; c; }\nd;';
    const insertions = loopGuardInsertions(js);
    const guarded = applyInsertions(js, insertions);
    // an identity map of the unguarded code: each token to itself
    const identity = encodedMap(
      new TraceMap({
        version: 3,
        sources: ['x.ts'],
        names: [],
        mappings: [
          [[0, 0, 0, 0]],
          [
            [0, 0, 1, 0],
            [11, 0, 1, 11],
            [14, 0, 1, 14],
          ],
          [[0, 0, 2, 0]],
        ],
      }),
    );
    const shifted = new TraceMap(shiftedForInsertions(identity, js, insertions));
    for (const [line, token] of [
      [2, 'for'],
      [2, 'b'],
      [2, 'c'],
      [3, 'd'],
    ] as const) {
      const [genLine, genColumn] = at(guarded, line, token);
      const original = originalPositionFor(shifted, { line: genLine, column: genColumn });
      assert.deepEqual([original.line, original.column], at(js, line, token), token);
    }
  });

  it('reaches the debugger: V8 reports it with the script the child compiles', async () => {
    const session = new Session();
    session.connect();
    const parsed: { url: string; sourceMapURL?: string }[] = [];
    session.on('Debugger.scriptParsed', (m) => parsed.push(m.params));
    await new Promise<void>((resolve, reject) =>
      session.post('Debugger.enable', (err) => (err ? reject(err) : resolve())),
    );
    try {
      const exports = loadStudentModule(code, FILE, () => undefined);
      assert.equal(typeof exports.beamSearch, 'function');
      const script = parsed.find((p) => p.url.endsWith(FILE));
      assert.ok(script, 'the module is a script named by the student file');
      assert.ok(script.sourceMapURL?.startsWith('data:application/json'), 'with the inline map');
    } finally {
      session.disconnect();
    }
  });
});
