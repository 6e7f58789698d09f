import assert from 'node:assert/strict';
import { baseName } from '../../../src/core/paths';

describe('baseName', () => {
  it('takes the last segment of a POSIX or Windows path, or of a URI path', () => {
    assert.equal(baseName('/home/s/hw6/q1_beam_search.ts'), 'q1_beam_search.ts');
    assert.equal(baseName('C:\\Users\\s\\hw6\\answers.md'), 'answers.md');
    assert.equal(baseName({ path: '/c:/Users/s/hw6/q4_autoencoders.ts' }), 'q4_autoencoders.ts');
    assert.equal(baseName('answers.md'), 'answers.md');
  });
});
