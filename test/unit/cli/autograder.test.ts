// The Gradescope autograder as it ships: autograder.zip built by scripts/package-autograder.mjs
// (from the dist/ of `node esbuild.mjs`), unpacked into a temporary /autograder
// (HW6_AUTOGRADER_ROOT), its run_autograder run with this machine's Node on a submission, and the
// results.json it writes validated against Gradescope's documented format.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/repo';
import {
  autograderRoot,
  gradescopeResults,
  labResults,
  packageAutograder,
  runAutograder,
  runScript,
  submit,
  type LabResults,
  type ZipEntry,
} from './autograderSupport';

const SOLUTION = join(repoRoot(), 'grading', 'solution');

/** Parses results.json with the documented schema, then the lab's own promises about it. */
function validResults(results: unknown, log: string): LabResults {
  const documented = gradescopeResults.safeParse(results);
  assert.ok(documented.success, `results.json breaks Gradescope's format: ${documented.error?.message}\n${log}`);
  const lab = labResults.safeParse(results);
  assert.ok(lab.success, `results.json lacks what the lab always writes: ${lab.error?.message}\n${log}`);
  const r = lab.data;
  const sum = r.tests.reduce((s, t) => s + t.score, 0);
  assert.ok(Math.abs(sum - r.score) < 1e-6, `score ${r.score} is the sum of the tests' scores (${sum})`);
  for (const t of r.tests) assert.ok(t.score <= t.max_score + 1e-9, `${t.name}: ${t.score} ≤ ${t.max_score}`);
  return r;
}

const maxScore = (r: LabResults): number => r.tests.reduce((s, t) => s + t.max_score, 0);

describe('Gradescope autograder (npm run package:autograder)', function () {
  // one grade of a whole workspace per test, on a machine that may be shared
  this.timeout(400_000);
  let work: string;
  let zip: string;
  let root: string;
  let entries: ZipEntry[];

  before(async function () {
    this.timeout(120_000);
    work = mkdtempSync(join(tmpdir(), 'hw6-autograder-zip-'));
    zip = join(work, 'autograder.zip');
    packageAutograder(zip);
    ({ root, entries } = await autograderRoot(zip));
  });
  after(() => {
    rmSync(work, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  });
  /** Every test starts from an empty submission/ and no results/. */
  beforeEach(() => {
    for (const dir of ['submission', 'results']) rmSync(join(root, dir), { recursive: true, force: true });
    mkdirSync(join(root, 'submission'));
  });

  it("holds Gradescope's layout: setup.sh and run_autograder at the root, executable; the rubric; the staff CLI bundle", () => {
    const byName = new Map(entries.map((e) => [e.name, e]));
    for (const script of ['setup.sh', 'run_autograder']) {
      const e = byName.get(script);
      assert.ok(e, `${script} at the archive's root`);
      assert.equal(e.mode & 0o111, 0o111, `${script} is executable (mode ${e.mode.toString(8)})`);
      assert.match(readFileSync(join(root, 'source', script), 'utf8'), /^#!\/usr\/bin\/env bash\n/);
    }
    assert.deepEqual(
      JSON.parse(readFileSync(join(root, 'source', 'rubric.json'), 'utf8')),
      JSON.parse(readFileSync(join(repoRoot(), 'grading', 'rubric.json'), 'utf8')),
      'the rubric is grading/rubric.json',
    );
    for (const f of ['package.json', 'dist/cli.js', 'dist/cliMain.js', 'dist/child.js', 'dist/judge.js'])
      assert.ok(byName.has(`hw6-lab/${f}`), `hw6-lab/${f}`);
    // the staff build: the reference modules are in (the student VSIX has none)
    for (const id of ['zkc', 'attention-scaling', 'kernel-attention', 'autoencoders', 'beam-search'])
      assert.ok(byName.has(`hw6-lab/dist/reference/${id}.js`), `dist/reference/${id}.js`);
    assert.ok(
      entries.some((e) => /^hw6-lab\/dist\/wasm\/.+\.wasm$/.test(e.name)),
      'the wasm files',
    );
    assert.ok(byName.has('hw6-lab/media/data/mnist10k.bin.gz'), 'the embedded MNIST');
    assert.ok(!entries.some((e) => e.name.endsWith('.map')), 'no source maps');
  });

  it('setup.sh leaves an image that has Node ≥ 20 as it is', async () => {
    const r = await runScript(join(root, 'source', 'setup.sh'), {}, root);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Node v\d+\.\S+ is installed already; nothing to do/);
  });

  it('gives the reference solution full marks', async () => {
    submit(root, SOLUTION);
    const { results, log } = await runAutograder(root);
    const r = validResults(results, log);
    assert.ok(r.tests.length > 10, `one test per check and question (${r.tests.length})`);
    const failed = r.tests.filter((t) => t.status !== 'passed').map((t) => `${t.name}: ${t.output}`);
    assert.deepEqual(failed, [], 'every test passes');
    assert.equal(r.score, maxScore(r));
    assert.ok(r.score > 0);
  });

  it('gives a seeded bug (attention scaled by d, not √d) less, and says where', async () => {
    submit(root, SOLUTION);
    const file = join(root, 'submission', 'q2_attention_scaling.ts');
    const source = readFileSync(file, 'utf8');
    assert.ok(source.includes('tf.div(scores, Math.sqrt(d))'), 'the line the bug changes');
    writeFileSync(file, source.replace('tf.div(scores, Math.sqrt(d))', 'tf.div(scores, d)'));
    const { results, log } = await runAutograder(root);
    const r = validResults(results, log);
    assert.ok(r.score < maxScore(r), `score ${r.score} < ${maxScore(r)}`);
    const failed = r.tests.filter((t) => t.status === 'failed');
    assert.ok(failed.length > 0);
    assert.ok(
      failed.every((t) => /attention|scal|2[abc]|q2/i.test(t.name)),
      `only problem 2's tests fail: ${failed.map((t) => t.name).join(', ')}`,
    );
  });

  it('a submission with a syntax error still gets a valid results.json: 0 for what did not run, and why', async () => {
    submit(root, SOLUTION);
    const file = join(root, 'submission', 'q5_beam_search.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\)\s*{/, ') {{{'));
    const { results, log } = await runAutograder(root);
    const r = validResults(results, log);
    const beam = r.tests.filter((t) => /beam|q5|5[a-e]/i.test(t.name) && t.status === 'failed');
    assert.ok(beam.length > 0, 'problem 5 scores 0 where it could not run');
    assert.ok(
      beam.some((t) => /syntax|compile|parse/i.test(t.output)),
      `a failed test of problem 5 says why: ${beam.map((t) => t.output).join(' | ')}`,
    );
    assert.ok(r.score > 0 && r.score < maxScore(r), 'the other problems keep their points');
  });

  it('an empty submission gets a valid results.json with score 0 and a clear output', async () => {
    const { results, log } = await runAutograder(root);
    const documented = gradescopeResults.safeParse(results);
    assert.ok(documented.success, `results.json breaks Gradescope's format: ${documented.error?.message}\n${log}`);
    const r = documented.data;
    assert.equal(r.score ?? r.tests?.reduce((s, t) => s + (t.score ?? 0), 0), 0);
    const said = [r.output ?? '', ...(r.tests ?? []).map((t) => t.output ?? '')].join('\n');
    assert.match(said, /no .*(homework|student|workspace) files|nothing to grade|q1_zkc\.ts/i, said);
  });

  it('with no grader to run (no Node on PATH), still writes a results.json that says so', async () => {
    // bash alone on PATH: the script's fallback without Node
    const bashOnly = mkdtempSync(join(tmpdir(), 'hw6-no-node-'));
    try {
      for (const tool of ['bash', 'mkdir', 'rm', 'tee', 'printf']) {
        const which = ['/usr/bin', '/bin'].map((d) => join(d, tool)).find((p) => existsSync(p));
        if (which) writeFileSync(join(bashOnly, tool), `#!/bin/sh\nexec ${which} "$@"\n`, { mode: 0o755 });
      }
      const r = await runScript(
        join(root, 'source', 'run_autograder'),
        { HW6_AUTOGRADER_ROOT: root, PATH: bashOnly },
        root,
      );
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const results: unknown = JSON.parse(readFileSync(join(root, 'results', 'results.json'), 'utf8'));
      const parsed = gradescopeResults.parse(results);
      assert.equal(parsed.score, 0);
      assert.match(parsed.output ?? '', /Node\.js is not installed/);
    } finally {
      rmSync(bashOnly, { recursive: true, force: true });
    }
  });
});
