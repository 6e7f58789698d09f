// `hw6-lab grade` end to end: the built CLI grades real submissions in the isolated runner, two at a
// time (--jobs 2), and writes all three outputs. The reference scores full marks and every seeded
// bug scores below it in each output; submissions that crash, loop or flood memory score what ran
// and the batch goes on; a .zip with `../` entries is refused; a malformed rubric is one clear line.
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { gradescopeResultsSchema, type GradescopeResults } from '../../../src/cli/grade/gradescope';
import { defaultRubricFile, loadRubric } from '../../../src/cli/grade/rubric';
import { seededBugs, solutionDir, writeSubmissions } from '../../../src/cli/grade/seededBugs';
import { buildBundles } from '../runner/bundles';
import { runNode, type NodeResult } from '../support/runNode';

let cli: string;
const hw6 = (args: string[]): Promise<NodeResult> => runNode(cli, args);

/** The gradebook as rows keyed by column name. */
function readCsv(file: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(file, 'utf8')
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','));
  return rows.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? ''])));
}

function readGradescope(file: string): GradescopeResults {
  return gradescopeResultsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** The points of a problem's checks in the default rubric: a full score for that problem's code. */
function checkPoints(problemId: string): string {
  const items = loadRubric(defaultRubricFile()).items.filter((i) => i.kind === 'check' && i.problemId === problemId);
  return String(items.reduce((sum, i) => sum + i.points, 0));
}

/** The points the feedback page states in its grade heading. */
function feedbackScore(file: string): number {
  const m = /Grade: ([\d.]+) of 100 points/.exec(readFileSync(file, 'utf8'));
  assert.ok(m, `${file} states the grade`);
  return Number(m[1]);
}

describe('hw6-lab grade (real runs)', function () {
  this.timeout(20 * 60_000);
  let tmp: string;

  before(async function () {
    this.timeout(180_000);
    cli = (await buildBundles()).cli;
  });
  beforeEach(() => (tmp = mkdtempSync(join(tmpdir(), 'hw6-grade-'))));
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('scores the reference at full marks and each seeded bug below it, in all three formats', async () => {
    const subs = writeSubmissions(join(tmp, 'subs'), seededBugs.length + 1);
    const out = join(tmp, 'out');
    const r = await hw6([
      'grade',
      ...subs.map((s) => s.dir),
      '--jobs',
      '2',
      '--csv',
      join(out, 'grades.csv'),
      '--gradescope',
      join(out, 'gradescope'),
      '--feedback',
      join(out, 'feedback'),
    ]);
    assert.equal(r.code, 0, r.stderr);
    // a progress line per submission on stderr
    for (const s of subs) assert.match(r.stderr, new RegExp(`\\] ${s.name}: [\\d.]+ / 100 points`));

    const csv = new Map(readCsv(join(out, 'grades.csv')).map((row) => [row.submission!, row]));
    for (const s of subs) {
      const row = csv.get(s.name)!;
      const gs = readGradescope(join(out, 'gradescope', `${s.name}.json`));
      const page = feedbackScore(join(out, 'feedback', `${s.name}.html`));
      const scores = [Number(row.total), gs.score!, page];
      if (!s.bug) {
        assert.deepEqual(
          scores,
          [100, 100, 100],
          `${s.name}: ${row['not run']} ${JSON.stringify(gs.tests!.filter((t) => t.status === 'failed'))}`,
        );
        assert.ok(gs.tests!.every((t) => t.status === 'passed'));
        continue;
      }
      for (const score of scores) assert.ok(score < 100, `${s.name} scores below the reference (${scores.join(', ')})`);
      assert.equal(new Set(scores).size, 1, `${s.name}: the three outputs agree (${scores.join(', ')})`);
      for (const id of s.bug.fails) {
        const test = gs.tests!.find((t) => t.name!.startsWith(`${id}:`))!;
        assert.ok(test, `${s.name}: ${id} is graded`);
        assert.deepEqual([test.status, test.score], ['failed', 0], `${s.name}: ${id}`);
      }
    }
  });

  it('a submission that crashes, loops or floods memory scores what ran; a refused .zip never stops the batch', async () => {
    const solution = solutionDir();
    const make = (name: string, files: string[], edit: [file: string, from: string, to: string]): string => {
      const dir = join(tmp, name);
      mkdirSync(dir, { recursive: true });
      for (const f of [...files, 'answers.md']) cpSync(join(solution, f), join(dir, f));
      const [file, from, to] = edit;
      const text = readFileSync(join(dir, file), 'utf8');
      assert.ok(text.includes(from));
      writeFileSync(join(dir, file), text.replace(from, to));
      return dir;
    };
    const crash = make(
      'crash',
      ['q1_zkc.ts', 'q3_kernel_attention.ts'],
      [
        'q1_zkc.ts',
        '  const pass = networkPass(params, data);',
        '  process.exit(3);\n  const pass = networkPass(params, data);',
      ],
    );
    const loop = make(
      'loop',
      ['q5_beam_search.ts', 'q2_attention_scaling.ts'],
      [
        'q5_beam_search.ts',
        '  let beams: Hypothesis[] = [{ tokens: [], score: 0 }];',
        '  while (k > 0) T++;\n  let beams: Hypothesis[] = [{ tokens: [], score: 0 }];',
      ],
    );
    const flood = make(
      'flood',
      ['q2_attention_scaling.ts'],
      [
        'q2_attention_scaling.ts',
        '  return tf.sum(tf.mul(Q, K), 1);',
        '  const hog: Float64Array[] = [];\n  while (hog.length >= 0) hog.push(new Float64Array(1 << 20).fill(1));\n  return tf.sum(tf.mul(Q, K), 1);',
      ],
    );
    // the reference, zipped inside a nested folder as uploads often are
    const files: Record<string, Uint8Array> = {};
    for (const f of readdirSync(solution))
      files[`Downloads/hw6/${f}`] = new Uint8Array(readFileSync(join(solution, f)));
    const nested = join(tmp, 'nested.zip');
    writeFileSync(nested, zipSync(files));
    const evil = join(tmp, 'evil.zip');
    writeFileSync(evil, zipSync({ 'q5_beam_search.ts': strToU8('x'), '../../evil.sh': strToU8('rm -rf ~') }));

    const rubric = JSON.parse(readFileSync(defaultRubricFile(), 'utf8')) as Record<string, unknown>;
    rubric.limits = { timeSeconds: 5, memoryMB: 512 };
    writeFileSync(join(tmp, 'rubric.json'), JSON.stringify(rubric));
    const out = join(tmp, 'out');
    const r = await hw6([
      'grade',
      crash,
      loop,
      evil,
      flood,
      nested,
      '--jobs',
      '2',
      '--rubric',
      join(tmp, 'rubric.json'),
      '--csv',
      join(out, 'grades.csv'),
      '--gradescope',
      join(out, 'gs'),
    ]);
    assert.equal(r.code, 1, 'a submission could not be graded');
    assert.equal(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => /^\[\d\/5\] /.test(l)).length,
      5,
      r.stderr,
    );
    assert.match(
      r.stderr,
      /\] evil: not graded: .*"\.\.\/\.\.\/evil\.sh" would be written outside the submission's folder/,
    );

    const csv = new Map(readCsv(join(out, 'grades.csv')).map((row) => [row.submission!, row]));
    const test = (name: string, id: string): NonNullable<GradescopeResults['tests']>[number] =>
      readGradescope(join(out, 'gs', `${name}.json`)).tests!.find((t) => t.name!.startsWith(`${id}:`))!;

    // crash: problem 1 ended with the process; problem 3 and every answer scored
    assert.equal(csv.get('crash')!['kernel-attention checks'], checkPoints('kernel-attention'));
    assert.equal(csv.get('crash')!['zkc checks'], '0');
    assert.match(
      test('crash', 'q1.train').output!,
      /^Not run: the run of problem zkc ended early \(student-code\): .*process\.exit\(3\)/,
    );
    assert.equal(test('crash', '5e').score, 2);
    // loop: problem 5 timed out (the run's time limit, or first, on a loaded machine, the step's
    // loop guard failing the check at the student's line); problem 2 and the answers to 5a–5e scored
    assert.equal(test('loop', 'q5.random-trees').score, 0);
    assert.match(
      test('loop', 'q5.random-trees').output!,
      /^(Not run: the run of problem beam-search timed out|TimeLimitError: .*an infinite loop\?.*q5_beam_search\.ts, line \d+)/,
    );
    assert.equal(csv.get('loop')!['attention-scaling checks'], checkPoints('attention-scaling'));
    assert.equal(test('loop', '5c').score, 1);
    // flood: problem 2 used too much memory; its answers still scored
    assert.match(
      test('flood', 'q2.dot-products').output!,
      /^Not run: the run of problem attention-scaling used more memory than it may/,
    );
    assert.equal(test('flood', '2c').score, 2);
    // the batch went on: the zipped reference after them scores full marks
    assert.equal(csv.get('nested')!.total, '100');
    assert.equal(readGradescope(join(out, 'gs', 'nested.json')).score, 100);
    // the refused .zip: 0 points, a clear note, a valid results.json
    assert.equal(csv.get('evil')!.total, '0');
    assert.match(csv.get('evil')!.note!, /refused/);
    const refused = readGradescope(join(out, 'gs', 'evil.json'));
    assert.equal(refused.score, 0);
    assert.match(refused.output!, /could not grade this submission/);
  });

  it('refuses a malformed rubric with one line naming the key, and documents its options', async () => {
    writeFileSync(join(tmp, 'bad.json'), JSON.stringify({ checks: { 'q1.train': 'five' } }));
    const bad = await hw6(['grade', solutionDir(), '--rubric', join(tmp, 'bad.json')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr.trim(), /^hw6-lab: .*bad\.json: checks\["q1\.train"\]: expected points: a number ≥ 0/);
    const help = await hw6(['grade', '--help']);
    assert.equal(help.code, 0);
    for (const option of ['--rubric <file>', '--jobs <n>', '--gradescope <file>', '--csv <file>', '--feedback <dir>'])
      assert.ok(help.stdout.includes(option), option);
    assert.match(help.stdout, /Usage: hw6-lab grade \[options\] <submissions\.\.\.>/);
  });
});
