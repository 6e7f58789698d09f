// The judge's limits as pure logic over given samples: no clock is read here, so these hold on a
// machine as busy as it likes.
import assert from 'node:assert/strict';
import { BudgetWatch } from '../../../src/runner/budgetWatch';

const MB = 1024 * 1024;
const watch = () => new BudgetWatch({ memoryMb: 100, graceMs: 500, wallFactor: 4 });

describe("BudgetWatch (limits on the judge's clock)", () => {
  it('a request may compute its budget plus the grace, counted from the first sample after it started', () => {
    const w = watch();
    w.start(1, 1000, 0);
    assert.deepEqual(
      w.check({ cpuMs: 5000, rssBytes: 10 * MB }, 100),
      { kind: 'ok' },
      'CPU before the request is not charged',
    );
    assert.deepEqual(w.check({ cpuMs: 6500, rssBytes: 10 * MB }, 1600), { kind: 'ok' });
    assert.deepEqual(w.check({ cpuMs: 6501, rssBytes: 10 * MB }, 1700), {
      kind: 'time-limit',
      budgetMs: 1000,
      waited: false,
    });
  });

  it('a busy machine does not count: wall time far past the budget with little CPU is fine up to the wall factor', () => {
    const w = watch();
    w.start(1, 1000, 0);
    w.check({ cpuMs: 0, rssBytes: 0 }, 0);
    assert.deepEqual(w.check({ cpuMs: 900, rssBytes: 0 }, 4400), { kind: 'ok' });
    assert.deepEqual(w.check({ cpuMs: 900, rssBytes: 0 }, 4501), { kind: 'time-limit', budgetMs: 1000, waited: true });
  });

  it('a stopped request is no longer watched; nothing the child says restarts one', () => {
    const w = watch();
    w.start(1, 1000, 0);
    w.check({ cpuMs: 0, rssBytes: 0 }, 0);
    w.stop(1);
    assert.equal(w.watching, 0);
    assert.deepEqual(w.check({ cpuMs: 1e9, rssBytes: 0 }, 1e9), { kind: 'ok' });
  });

  it('several requests (a run waiting on its cells is stopped; a cell runs) each have their own budget', () => {
    const w = watch();
    w.start(1, 1000, 0);
    w.check({ cpuMs: 0, rssBytes: 0 }, 0);
    w.start(2, 3000, 100);
    w.check({ cpuMs: 200, rssBytes: 0 }, 200);
    w.stop(1); // the run waits on its cells: the judge stops its budget
    assert.deepEqual(w.check({ cpuMs: 3000, rssBytes: 0 }, 3000), { kind: 'ok' }, 'the cell is within 3000 + 500');
    assert.deepEqual(w.check({ cpuMs: 3701, rssBytes: 0 }, 3700), {
      kind: 'time-limit',
      budgetMs: 3000,
      waited: false,
    });
  });

  it('the resident set past the limit is a memory verdict, whatever the budgets', () => {
    const w = watch();
    assert.deepEqual(w.check({ cpuMs: 0, rssBytes: 100 * MB }, 0), { kind: 'ok' });
    assert.deepEqual(w.check({ cpuMs: 0, rssBytes: 101 * MB }, 0), { kind: 'memory', rssMb: 101 });
  });

  it('an infinite budget never strikes', () => {
    const w = watch();
    w.start(1, Infinity, 0);
    w.check({ cpuMs: 0, rssBytes: 0 }, 0);
    assert.deepEqual(w.check({ cpuMs: 1e12, rssBytes: 0 }, 1e12), { kind: 'ok' });
  });
});
