import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { problemCatalog } from '../../../src/core/problems/catalog';
import type { Finding } from '../../../src/core/engine/events';
import { judgeLocally } from '../support/judgeLocal';
import { labProblems } from '../support/labProblems';
import { useTfBackend } from '../support/tf';
import { repoRoot } from '../support/repo';
import { nodeRunFiles } from '../../../src/runner/files';

// The catalog's check ids per TODO marker (what the Testing view shows without loading the judge)
// must be what the judge emits: an emitted check id the catalog does not list would never reach a
// test item, and a listed one the judge never emits would stay "not run" forever.
describe('the catalog lists every check per marker', function () {
  this.timeout(600_000);
  const answers = {
    file: 'answers.md',
    text: readFileSync(join(repoRoot(), 'media', 'workspace', 'answers.md'), 'utf8'),
  };
  const listed = (problemId: string): Map<string, string> => {
    const info = problemCatalog.find((p) => p.id === problemId)!;
    return new Map(info.markers.flatMap((m) => (m.checks ?? []).map((c) => [c, m.id] as const)));
  };

  const files = nodeRunFiles(join(repoRoot(), 'media'));

  before(() => useTfBackend());

  it('lists a check under exactly one marker, and every marker has checks', () => {
    for (const info of problemCatalog) {
      const all = info.markers.flatMap((m) => m.checks ?? []);
      assert.equal(new Set(all).size, all.length, `${info.id}: a check listed twice`);
      for (const m of info.markers) assert.ok((m.checks ?? []).length > 0, `${m.id} lists no checks`);
    }
  });

  it('lists exactly the check codes docs/checks.md documents for the problem, hidden ones apart', () => {
    const doc = readFileSync(join(repoRoot(), 'docs', 'checks.md'), 'utf8');
    const anchors = [...doc.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]!);
    for (const info of problemCatalog) {
      const prefix = `q${info.questions[0]!.charAt(0)}.`;
      const documented = anchors.filter((a) => a.startsWith(prefix)).sort();
      // the hidden checks of grading runs are documented too (docs/checks.md, "Hidden checks")
      const hidden = info.markers.flatMap((m) => m.hiddenChecks ?? []);
      assert.deepEqual([...listed(info.id).keys(), ...hidden].sort(), documented, info.id);
    }
  });

  for (const { problem, child, reference } of labProblems) {
    it(`${problem.id}: every check the judge emits for the reference (checks, then the whole run) is listed at its marker`, async () => {
      const map = listed(problem.id);
      const seen = new Set<string>();
      for (const checksOnly of [true, false]) {
        // problem 4's whole grid on one bottleneck width: every check runs, in seconds
        const config = { ...problem.defaultConfig(true), ...(problem.id === 'autoencoders' ? { ks: [5] } : {}) };
        const events = await judgeLocally(problem, child, reference, config, {
          checksOnly,
          files,
          reference,
          answers,
        });
        const end = events.find((e) => e.type === 'done' || e.type === 'error');
        assert.equal(end?.type, 'done', `${problem.id} ${checksOnly ? 'checks' : 'run'}: ${JSON.stringify(end)}`);
        const findings = events.flatMap((e): Finding[] => (e.type === 'finding' ? [e.finding] : []));
        for (const f of findings) {
          if (f.answerId !== undefined) {
            assert.ok(problem.answerIds?.includes(f.answerId), `${f.checkId} at question ${f.answerId}`);
            assert.match(f.checkId, /^answers\./);
            continue;
          }
          assert.equal(map.get(f.checkId), f.marker, `${problem.id} emitted ${f.checkId} at ${f.marker}`);
          seen.add(f.checkId);
        }
      }
      // a check that speaks only when it fails is silent for the reference, every other one emits a finding
      const silent = problem.silentWhenPassed ?? [];
      for (const id of silent) assert.ok(!seen.has(id) && map.has(id), `${id} is not a silent check of ${problem.id}`);
      assert.deepEqual(
        [...seen, ...silent].sort(),
        [...map.keys()].sort(),
        `${problem.id}: listed checks the judge never emitted`,
      );
    });
  }
});
