import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundles } from '../runner/bundles';
import { FIXTURES, repoRoot } from '../runner/paths';
import { runNode, type NodeResult } from '../support/runNode';

let cli: string;

/** Runs the built CLI as a user would (stdin closed, not a TTY: plain progress lines). */
const hw6 = (args: string[], cwd = process.cwd()): Promise<NodeResult> => runNode(cli, args, cwd);

function oneLineError(r: NodeResult, pattern: RegExp): void {
  assert.notEqual(r.code, 0);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line on stderr, got:\n${r.stderr}`);
  assert.match(lines[0]!, pattern);
}

describe('hw6-lab CLI', function () {
  this.timeout(90_000);
  let tmp: string;

  before(async function () {
    this.timeout(120_000);
    cli = (await buildBundles()).cli;
  });
  beforeEach(() => (tmp = mkdtempSync(join(tmpdir(), 'hw6-cli-'))));
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('lists the problems', async () => {
    const r = await hw6(['list']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /beam-search\s+Beam search\s+5a, 5b, 5c, 5d, 5e\s+q5_beam_search\.ts/);
  });

  it('rejects an unknown problem id with one line and a non-zero exit', async () => {
    oneLineError(
      await hw6(['run', 'no-such-problem', '--reference']),
      /unknown problem "no-such-problem" \(known: zkc, attention-scaling, .*beam-search\)/i,
    );
  });

  it('rejects bad arguments and a missing workspace with one line each', async () => {
    oneLineError(await hw6(['run', '--reference', '--seed', 'abc']), /--seed must be a non-negative integer/);
    oneLineError(await hw6(['run', '--reference', '--workspace', tmp]), /either --reference or --workspace/);
    oneLineError(await hw6(['check', '--workspace', join(tmp, 'missing')]), /workspace folder .* does not exist/);
    oneLineError(await hw6(['check', '--workspace', tmp]), /No homework files in/);
    oneLineError(await hw6(['run', '--no-such-flag']), /unknown option '--no-such-flag'/);
    oneLineError(
      await hw6(['run', 'autoencoders', '--reference', '--pool-size', '0']),
      /--pool-size must be a positive integer \(got "0"\)/,
    );
  });

  it('run --help documents --idx-dir; --idx-dir needs problem autoencoders and an existing folder', async () => {
    const help = await hw6(['run', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--idx-dir <dir>\s+autoencoders: take the image data from this folder of\s+IDX files/);
    oneLineError(
      await hw6(['run', 'beam-search', '--reference', '--idx-dir', tmp]),
      /--idx-dir is for problem autoencoders, which this run does not include/,
    );
    oneLineError(
      await hw6(['run', 'autoencoders', '--reference', '--idx-dir', 'no-such-folder'], tmp),
      new RegExp(`--idx-dir: the folder ${join(tmp, 'no-such-folder')} does not exist`),
    );
  });

  it('run autoencoders --idx-dir (relative to the current folder) reads the IDX files there; a folder without them is a settings error naming hw6.autoencoders.idxDir', async () => {
    mkdirSync(join(tmp, 'idx'));
    const r = await hw6(['run', 'autoencoders', '--reference', '--quick', '--idx-dir', 'idx', '--json', 'r.json'], tmp);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const folder = join(tmp, 'idx');
    assert.match(r.stdout, /autoencoders\s+settings\s/);
    assert.ok(
      r.stdout.includes(`✗ autoencoders settings: hw6.autoencoders.idxDir: IDX folder ${folder}: cannot read `),
      r.stdout,
    );
    const [result] = (
      JSON.parse(readFileSync(join(tmp, 'r.json'), 'utf8')) as {
        problems: { error?: { reason: string; message: string } }[];
      }
    ).problems;
    assert.equal(result?.error?.reason, 'settings');
    assert.ok(result.error.message.includes(folder), result.error.message);
  });

  it('check --help documents answers.md and --reveal-answers', async () => {
    const r = await hw6(['check', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /--reveal-answers/);
    assert.match(
      r.stdout,
      /answers\.md answers its questions: its answers are then judged with the\s+reference solution/,
    );
  });

  it('check --workspace with only answers.md judges its answers with the reference solution, at their lines in answers.md', async () => {
    const answers = ['# HW6 answers', '', '## 2a', 'Answer: d * mu', '', '## 2b', 'Answer: d * sigma^4', ''].join('\n');
    writeFileSync(join(tmp, 'answers.md'), answers);
    const r = await hw6(['check', '--workspace', tmp, '--json']);
    const findings = JSON.parse(r.stdout) as {
      file: string;
      line: number;
      severity: string;
      code: string;
      message: string;
    }[];
    const wrong = findings.find((f) => f.file === 'answers.md' && f.line === 4);
    assert.ok(wrong, `no answers.md finding at line 4 (2a) in ${r.stdout}\n${r.stderr}`);
    assert.equal(wrong.code, 'answers.formula');
    assert.equal(wrong.severity, 'error');
    assert.doesNotMatch(wrong.message, /d \* mu\^2|d·μ²/, 'the expected answer is not revealed by default');
    assert.ok(
      !findings.some((f) => f.file === 'answers.md' && f.line === 7 && f.severity === 'error'),
      `2b is right: ${r.stdout}`,
    );
    assert.equal(r.code, 1, 'a wrong answer fails the check');
    const text = await hw6(['check', '--workspace', tmp]);
    assert.match(
      text.stdout,
      /attention-scaling: q2_attention_scaling\.ts is absent; its answers are checked with the reference solution/,
    );
    assert.match(text.stdout, /✗ answers\.md:4 {2}error answers\.formula: /);
  });

  it("init writes the template and refuses to overwrite a student's file", async function () {
    const template = join(repoRoot(), 'media', 'workspace');
    if (!existsSync(template) || readdirSync(template).length === 0) this.skip(); // the template is written by the problems' authors
    const target = join(tmp, 'hw6');
    const first = await hw6(['init', target]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /wrote\s+q5_beam_search\.ts/);
    writeFileSync(join(target, 'q5_beam_search.ts'), '// my work\n');
    const second = await hw6(['init', target]);
    assert.equal(second.code, 0);
    assert.match(second.stdout, /skipped\s+q5_beam_search\.ts \(already there; left unchanged\)/);
    assert.equal(readFileSync(join(target, 'q5_beam_search.ts'), 'utf8'), '// my work\n');
  });

  it('runs the reference beam search and writes the documented JSON and the report', async () => {
    const json = join(tmp, 'results.json');
    const report = join(tmp, 'report');
    const r = await hw6(['run', 'beam-search', '--reference', '--quick', '--json', json, '--report', report]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /beam-search\s+passed\s+(\d+)\/\1/);
    assert.match(r.stderr, /\[beam-search\] \d+% /, 'plain progress lines when stderr is not a TTY');
    // Figure 2's beams are the answers to 5a–5c: the run says so first (src/cli/referenceAnswers.ts)
    assert.match(
      r.stderr.split('\n')[0]!,
      /^hw6-lab: warning: beam-search: this shows the reference's answers to 5a–5c/,
    );
    const results = JSON.parse(readFileSync(json, 'utf8')) as {
      problems: {
        id: string;
        ok: boolean;
        metrics: { figure2: { best: string } };
        checks: { id: string; ok: boolean; message: string }[];
      }[];
    };
    assert.equal(results.problems.length, 1);
    const [beam] = results.problems;
    assert.equal(beam!.id, 'beam-search');
    assert.equal(beam!.ok, true);
    assert.equal(beam!.metrics.figure2.best, 'network neural neural');
    assert.ok(beam!.checks.length > 0);
    for (const c of beam!.checks) assert.deepEqual(Object.keys(c).sort(), ['id', 'message', 'ok']);
    const html = readFileSync(join(report, 'report.html'), 'utf8');
    assert.match(html, /<svg[\s>]/, 'the beam trace is drawn inline');
    assert.doesNotMatch(html, /<script|<link |src="http/, 'self-contained: no scripts, no external resources');
    assert.match(html, /network neural neural/);
    assert.ok(JSON.parse(readFileSync(join(report, 'report.json'), 'utf8')).problems[0].artifacts.length > 0);
    assert.match(r.stdout, new RegExp(`Report: ${report.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('check --json reports a wrong solution at its TODO line', async () => {
    const r = await hw6(['check', '--workspace', join(FIXTURES, 'ws-wrong'), '--json']);
    assert.equal(r.code, 1, 'failed checks make a non-zero exit');
    const findings = JSON.parse(r.stdout) as {
      file: string;
      line: number;
      severity: string;
      code: string;
      message: string;
    }[];
    assert.ok(findings.length > 0);
    const todoLine =
      readFileSync(join(FIXTURES, 'ws-wrong', 'q5_beam_search.ts'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('TODO(hw6:q5.beam-search)')) + 1;
    for (const f of findings) {
      // the five fields always; `related` (follow-on failures) and `hints` (the hint ladder) when there are some
      const keys = Object.keys(f);
      for (const key of ['code', 'file', 'line', 'message', 'severity']) assert.ok(keys.includes(key), key);
      assert.deepEqual(
        keys.filter((k) => !['code', 'file', 'line', 'message', 'severity', 'related', 'hints'].includes(k)),
        [],
      );
      assert.equal(f.file, 'q5_beam_search.ts');
      assert.equal(f.line, todoLine);
      assert.equal(f.severity, 'error');
    }
    assert.ok(findings.some((f) => f.code === 'q5.figure2-steps'));
  });

  it('check --json reports a syntax error at its line and column', async () => {
    const r = await hw6(['check', '--workspace', join(FIXTURES, 'ws-syntax'), '--json']);
    assert.equal(r.code, 1);
    assert.deepEqual(
      JSON.parse(r.stdout).map((f: { code: string; line: number; column?: number }) => [f.code, f.line, f.column]),
      [['hw6.syntax', 6, 22]],
    );
  });
});
