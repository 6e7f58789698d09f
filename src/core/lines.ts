// Line numbers as V8 counts them and as an editor does: V8 also ends a line at U+2028 and U+2029
// (ECMAScript's line terminators), editors only at \n, \r\n and \r. A stack frame's line in a file
// whose string literals hold either character must be moved back by as many of them as precede it.
import type { RunEvent } from './engine/events';

/** The editor's 1-based line for V8's 1-based line `v8Line` of `source`. */
export function editorLine(source: string, v8Line: number): number {
  let line = 1;
  let separators = 0;
  for (let i = 0; i < source.length && line < v8Line; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x0a) line++;
    else if (c === 0x0d) {
      if (source.charCodeAt(i + 1) === 0x0a) i++;
      line++;
    } else if (c === 0x2028 || c === 0x2029) {
      line++;
      separators++;
    }
  }
  return Math.max(1, v8Line - separators);
}

/** An event whose locations in the student's `file` are rewritten as the editor counts lines. */
export function atEditorLines(event: RunEvent, file: string, source: string): RunEvent {
  if (!source) return event;
  const fix = <T extends { location?: { file: string; line: number } }>(x: T): T =>
    x.location && x.location.file === file
      ? { ...x, location: { ...x.location, line: editorLine(source, x.location.line) } }
      : x;
  if (event.type === 'error') return fix(event);
  if (event.type === 'finding') return { ...event, finding: fix(event.finding) };
  return event;
}
