// The source map of a debug run's student module. sucrase maps its output back to the student's .ts
// token by token (lines never move); the loop guards are inserted into that output afterwards, so
// the tokens after a guard on its line are shifted right by the guard's length here. The map rides
// inline at the end of the module (`//# sourceMappingURL=data:`), where V8 reports it to the
// debugger with the script: js-debug then binds breakpoints set in the .ts file.
import { TraceMap, decodedMappings, encodedMap, type EncodedSourceMap } from '@jridgewell/trace-mapping';
import type { Insertion } from './loopGuard';

type Segment = [number] | [number, number, number, number] | [number, number, number, number, number];

/** `map` (of `code`) as a map of `code` with `insertions` made (none of them holds a newline). */
export function shiftedForInsertions(
  map: EncodedSourceMap,
  code: string,
  insertions: readonly Insertion[],
): EncodedSourceMap {
  // per generated line: [column, length] of each insertion on it, in order
  const byLine = new Map<number, [number, number][]>();
  let line = 0;
  let lineStart = 0;
  let next = 0;
  for (const { at, text } of insertions) {
    for (; next < at; next++) {
      if (code.charCodeAt(next) === 10) {
        line++;
        lineStart = next + 1;
      }
    }
    const list = byLine.get(line) ?? [];
    list.push([at - lineStart, text.length]);
    byLine.set(line, list);
  }
  const mappings = decodedMappings(new TraceMap(map)).map((segments, genLine) => {
    const shifts = byLine.get(genLine);
    if (!shifts) return segments.map((s) => [...s] as Segment);
    return segments.map((s) => {
      const shift = shifts.filter(([column]) => column <= s[0]).reduce((sum, [, length]) => sum + length, 0);
      return [s[0] + shift, ...s.slice(1)] as Segment;
    });
  });
  return encodedMap(new TraceMap({ ...map, mappings }));
}

/** The comment that carries `map` inline at the end of a module (on a line of its own). */
export function inlineSourceMapComment(map: EncodedSourceMap): string {
  return `\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
}
