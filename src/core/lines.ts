// Line numbers as V8 counts them and as an editor does: V8 also ends a line at U+2028 and U+2029
// (ECMAScript's line terminators), editors only at \n, \r\n and \r. A stack frame's line in a file
// whose string literals hold either character must be moved back by as many of them as precede it.

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
