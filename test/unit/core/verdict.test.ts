import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/engine/events';
import { isNote, passedOf, tally } from '../../../src/core/verdict';

const check = (ok: boolean, severity?: Finding['severity']): Finding => ({
  checkId: 'x',
  ok,
  message: '',
  ...(severity ? { severity } : {}),
});

describe('tally: what findings add up to', () => {
  it('notes count neither as passed nor in the total, and never fail', () => {
    const findings = [check(true), check(true), check(false, 'info'), check(false, 'info')];
    assert.deepEqual(tally(findings), { passed: 2, total: 2, notes: 2, ok: true });
    assert.deepEqual(passedOf(findings), { passed: 2, total: 2 });
  });

  it('an error or a warning fails; a failure without severity is an error', () => {
    assert.deepEqual(tally([check(true), check(false)]), { passed: 1, total: 2, notes: 0, ok: false });
    assert.equal(tally([check(true), check(false, 'warning')]).ok, false);
    assert.equal(isNote(check(false)), false);
    assert.equal(isNote(check(true, 'info')), false, 'a passed check is not a note');
  });

  it('no findings is a pass of 0/0', () => {
    assert.deepEqual(tally([]), { passed: 0, total: 0, notes: 0, ok: true });
  });
});
