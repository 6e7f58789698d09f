import assert from 'node:assert/strict';
import { isDrawableTrace, prunedPerParentFor, restoreState, upsertTrace } from '../../../webview/beam-search/state';
import { figure2ReferenceTrace } from '../../../src/core/problems/beam-search/figure2Trace';

describe('beam panel state', () => {
  const fig2 = figure2ReferenceTrace();

  it('accepts real traces and rejects malformed ones before they reach the renderer', () => {
    assert.ok(isDrawableTrace(fig2));
    assert.ok(isDrawableTrace(JSON.parse(JSON.stringify(fig2))));
    const broken: unknown[] = [
      null,
      { ...fig2, title: 7 },
      { ...fig2, steps: [{ t: 1, candidates: [{ tokens: [0, -1], score: 0, kept: true }] }] },
      { ...fig2, steps: [{ t: 1, candidates: [{ tokens: [0], score: '0', kept: true }] }] },
      { ...fig2, final: [{ tokens: 'ab', score: 1 }] },
      { ...fig2, greedy: { tokens: [0] } },
      { ...fig2, vocab: [1, 2] },
    ];
    for (const b of broken) assert.equal(isDrawableTrace(b), false, JSON.stringify(b)?.slice(0, 80));
  });

  it('replaces a re-run trace in place and appends new ones', () => {
    const other = { ...figure2ReferenceTrace(1), title: 'Figure 2 with k = 1' };
    let { list, index } = upsertTrace([], fig2);
    assert.equal(index, 0);
    ({ list, index } = upsertTrace(list, other));
    assert.deepEqual([list.length, index], [2, 1]);
    const rerun = { ...fig2, final: fig2.final.slice(0, 1) };
    ({ list, index } = upsertTrace(list, rerun));
    assert.deepEqual([list.length, index], [2, 0]);
    assert.equal(list[0], rerun);
  });

  it('restores what is still valid from a stored state and defaults the rest', () => {
    const restored = restoreState({
      hostTraces: [fig2, { nope: true } as never],
      selected: -3,
      showGreedy: false,
      prunedPerParent: 7,
      run: { k: 2.5, T: 5, prompt: 'x' },
    });
    assert.equal(restored.hostTraces.length, 1);
    assert.equal(restored.selected, 0);
    assert.equal(restored.showGreedy, false);
    assert.equal(restored.showExhaustive, true);
    assert.equal(restored.prunedPerParent, undefined, '7 is not one of the choices');
    assert.deepEqual(restored.run, { k: 3, T: 5, prompt: 'x' });
    assert.deepEqual(restoreState(undefined).localTraces, []);
  });

  it('folds pruned children by vocabulary size unless the user chose', () => {
    assert.equal(prunedPerParentFor({}, 2), 3);
    assert.equal(prunedPerParentFor({}, 35), 1);
    assert.equal(prunedPerParentFor({ prunedPerParent: 5 }, 35), 5);
  });
});
