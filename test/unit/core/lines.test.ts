// V8's line numbers against the editor's: U+2028 and U+2029 end a line for V8 only.
import assert from 'node:assert/strict';
import { editorLine } from '../../../src/core/lines';

describe('editorLine', () => {
  it('is the same line where the file holds no U+2028/U+2029', () => {
    assert.equal(editorLine('a\nb\r\nc\rd\n', 4), 4);
  });

  it('moves a line back by each separator before it', () => {
    const source = 'const s = "x\u2028y\u2029z";\nthrow new Error(s);\n';
    // V8 sees 4 lines before the throw's: the throw is V8's line 4, the editor's line 2
    assert.equal(editorLine(source, 4), 2);
    assert.equal(editorLine(source, 1), 1);
  });

  it('never goes below line 1', () => {
    assert.equal(editorLine('\u2028\u2028', 1), 1);
  });
});
