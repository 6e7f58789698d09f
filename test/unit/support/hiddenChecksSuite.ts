// The hidden checks' suite every problem shares: they run only in a grading run, with the ids its
// catalog lists as hidden; a correct solution written differently passes them; each bug the visible
// checks miss fails exactly its hidden check; the student build's stand-in adds none.
import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/engine/events';
import type { ChildCalls, Problem, ProblemConfig, ProblemInfo } from '../../../src/core/problem';
import { findingsOf, judgeContext, type AnyChild } from './judgeLocal';
import { useTfBackend } from './tf';

export interface HiddenBug {
  solution: object;
  /** The one check it fails (a hidden one). */
  fails: string;
  /** What that check's message must say. */
  message?: RegExp;
}

export interface HiddenSuite<C extends ProblemConfig> {
  title: string;
  problem: Problem<C>;
  info: ProblemInfo;
  child: AnyChild<C>;
  reference: object;
  /** The problem's quick config, without the grading flag. */
  config: C;
  hiddenIds: string[];
  /** The student build's `hidden.student.ts`. */
  studentHidden: (child: ChildCalls, seed: number) => Promise<Finding[]>;
  writtenDifferently: { name: string; solution: object };
  bugs: Record<string, HiddenBug>;
}

export function describeHiddenChecks<C extends ProblemConfig>(s: HiddenSuite<C>): void {
  const grading: C = { ...s.config, grading: true };
  const verdicts = async (exports: object, c: C = grading): Promise<Map<string, Finding>> =>
    new Map((await findingsOf(s.problem, s.child, exports, c)).map((f) => [f.checkId, f]));
  const failing = (v: Map<string, Finding>): string[] =>
    [...v.values()].filter((f) => !f.ok && f.severity !== 'info').map((f) => f.checkId);

  describe(s.title, function () {
    this.timeout(120_000);
    before(() => useTfBackend());

    it('run only in a grading run, with the ids the catalog lists as hidden', async () => {
      assert.deepEqual(s.info.markers.flatMap((m) => m.hiddenChecks ?? []).sort(), [...s.hiddenIds].sort());
      const shown = s.info.markers.flatMap((m) => m.checks ?? []);
      assert.ok(s.hiddenIds.every((id) => !shown.includes(id)));
      const graded = await verdicts(s.reference);
      assert.ok(s.hiddenIds.every((id) => graded.get(id)?.ok === true));
      const ungraded = await verdicts(s.reference, s.config);
      assert.ok(s.hiddenIds.every((id) => !ungraded.has(id)));
    });

    it(`pass ${s.writtenDifferently.name}`, async () => {
      assert.deepEqual(failing(await verdicts(s.writtenDifferently.solution)), []);
    });

    for (const [name, bug] of Object.entries(s.bugs)) {
      it(`fail what the visible checks miss: ${name}`, async () => {
        assert.deepEqual(failing(await verdicts(bug.solution, s.config)), []);
        const v = await verdicts(bug.solution);
        assert.deepEqual(failing(v), [bug.fails]);
        if (bug.message) assert.match(v.get(bug.fails)!.message, bug.message);
      });
    }

    it('are none in the student build', async () => {
      const ctx = await judgeContext(s.problem, s.child, s.reference, grading);
      try {
        assert.deepEqual(await s.studentHidden(ctx.child, 0), []);
      } finally {
        await ctx.close();
      }
    });
  });
}
