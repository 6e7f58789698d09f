import assert from 'node:assert/strict';
import { HintLadder } from '../../../src/extension/model/hintLadder';

describe('the hint ladder', () => {
  it('gives one level per request, least first, then starts over; per file and check', () => {
    const ladder = new HintLadder();
    const hints = ['look at tanh', 'δ = g ⊙ (1 − H²)'];
    assert.deepEqual(ladder.next('a.ts#q1.gcn-backward', hints), { level: 1, of: 2, text: 'look at tanh', more: true });
    assert.deepEqual(ladder.next('a.ts#q1.gcn-backward', hints), {
      level: 2,
      of: 2,
      text: 'δ = g ⊙ (1 − H²)',
      more: false,
    });
    assert.equal(ladder.next('a.ts#q1.gcn-backward', hints)!.level, 1);
    assert.equal(ladder.next('b.ts#q1.gcn-backward', hints)!.level, 1, 'another file has its own ladder');
    assert.equal(ladder.next('a.ts#q1.train', []), undefined);
  });
});
