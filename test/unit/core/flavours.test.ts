// The two builds' contract (docs/checks.md, "Student build and staff build"): every staff-only module
// `<name>.staff.ts` of a problem has a sibling `<name>.student.ts` with the same exports, which the
// student build resolves in its place; a student module imports nothing staff-only. And the hidden
// checks: a grading run of the reference adds exactly the ids the catalog lists as hidden, all
// passing, each documented, none among the checks the Testing view lists.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { studentHalves } from '../../../scripts/studentHalves.mjs';
import { join } from 'node:path';
import { findingsOf } from '../support/judgeLocal';
import { labProblems } from '../support/labProblems';
import { repoRoot } from '../support/repo';
import { useTfBackend } from '../support/tf';

const PROBLEMS = join(repoRoot(), 'src', 'core', 'problems');
const folders = readdirSync(PROBLEMS, { withFileTypes: true }).filter((d) => d.isDirectory());
const exportsOf = (text: string): string[] =>
  [...text.matchAll(/^export (?:async )?(?:function|const|interface|type) (\w+)|^export \{ (\w+)/gm)]
    .map((m) => m[1] ?? m[2]!)
    .sort();

describe('student and staff flavours', function () {
  this.timeout(300_000);
  before(() => useTfBackend());

  // what the student build's judge loads, swapped as it swaps it, and loaded: an import cycle
  // through expected.ts (a value it exports used while its .student half initialises) throws here
  it("each problem's expectations and hidden checks load and answer in the student flavour", async () => {
    const out = join(repoRoot(), 'out', 'flavour-test');
    mkdirSync(out, { recursive: true });
    try {
      for (const dir of folders) {
        for (const half of ['expected', 'hidden']) {
          const entry = join(PROBLEMS, dir.name, `${half}.ts`);
          if (!readdirSync(join(PROBLEMS, dir.name)).includes(`${half}.ts`)) continue;
          const file = join(out, `${dir.name}-${half}.js`);
          await build({
            entryPoints: [entry],
            bundle: true,
            platform: 'node',
            format: 'cjs',
            packages: 'external',
            define: { HW6_FLAVOUR: '"student"' },
            plugins: [studentHalves()],
            outfile: file,
            logLevel: 'silent',
          });
          const loaded = createRequire(__filename)(file) as Record<string, unknown>;
          const exported = loaded[half === 'expected' ? 'expectations' : 'hiddenChecks'];
          assert.ok(exported, `${dir.name}/${half}.ts exports nothing in the student flavour`);
          if (dir.name === 'zkc' && half === 'expected') {
            const e = exported as { aHat(): Float64Array; dataSeed(seed: number): number };
            assert.equal(e.aHat().length, 34 * 34);
            assert.equal(e.dataSeed(1), 100);
          }
          if (dir.name === 'beam-search' && half === 'expected') {
            const e = exported as { figure2KeptSets(): unknown[]; caseSeed(seed: number): number };
            assert.ok(e.figure2KeptSets().length > 0);
            assert.equal(typeof e.caseSeed(1), 'number');
          }
        }
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('every .staff.ts has a .student.ts with the same exports (what the student build swaps in)', () => {
    let pairs = 0;
    for (const dir of folders) {
      const files = readdirSync(join(PROBLEMS, dir.name));
      for (const staff of files.filter((f) => f.endsWith('.staff.ts'))) {
        const student = staff.replace(/\.staff\.ts$/, '.student.ts');
        assert.ok(files.includes(student), `${dir.name}/${staff} has no ${student}`);
        const read = (f: string) => readFileSync(join(PROBLEMS, dir.name, f), 'utf8');
        const shared = exportsOf(read(student));
        assert.deepEqual(
          exportsOf(read(staff)).filter((name) => shared.includes(name)),
          shared.filter((name) => name !== 'fromRecording'),
          `${dir.name}: ${staff} and ${student} export the same names`,
        );
        pairs++;
      }
    }
    assert.ok(pairs >= 10, `${pairs} pairs`);
  });

  it('a student module imports nothing staff-only (float64 loops, the GCN, the beam, the staff modules)', () => {
    for (const dir of folders) {
      for (const f of readdirSync(join(PROBLEMS, dir.name)).filter((f) => f.endsWith('.student.ts'))) {
        const text = readFileSync(join(PROBLEMS, dir.name, f), 'utf8');
        assert.doesNotMatch(
          text,
          /from '\.\/(?:[\w.]+\.staff|float64|float64Gcn|adjacency|train|keptSets)'/,
          `${dir.name}/${f}`,
        );
      }
    }
  });

  it('a grading run adds the hidden checks the catalog lists, passing on the reference and documented', async () => {
    const doc = readFileSync(join(repoRoot(), 'docs', 'checks.md'), 'utf8');
    for (const { problem, child, reference } of labProblems) {
      const hidden = problem.markers.flatMap((m) => m.hiddenChecks ?? []);
      const shown = problem.markers.flatMap((m) => m.checks ?? []);
      assert.ok(hidden.length > 0, `${problem.id} has hidden checks`);
      assert.ok(
        hidden.every((id) => !shown.includes(id)),
        `${problem.id}: a hidden check listed among the checks`,
      );
      for (const id of hidden) assert.ok(doc.includes(`<a id="${id}"></a>`), `${id} is documented`);
      const config = { ...problem.defaultConfig(true), grading: true };
      const graded = await findingsOf(problem, child, reference, config);
      const plain = await findingsOf(problem, child, reference, problem.defaultConfig(true));
      const added = graded.map((f) => f.checkId).filter((id) => !plain.some((f) => f.checkId === id));
      assert.deepEqual(added.sort(), [...hidden].sort(), problem.id);
      for (const f of graded.filter((f) => hidden.includes(f.checkId))) assert.ok(f.ok, `${f.checkId}: ${f.message}`);
    }
  });
});
