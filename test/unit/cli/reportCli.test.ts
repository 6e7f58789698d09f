// `hw6-lab run --workspace … --report DIR` writes the submission report: report.html, report.md and
// report.json, with the workspace's answers (checked by the run that owns them) and the problems
// that did not run.
import { strict as assert } from 'node:assert';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundles } from '../runner/bundles';
import { FIXTURES } from '../runner/paths';
import { runNode } from '../support/runNode';

describe('hw6-lab run --report', function () {
  this.timeout(120_000);
  let tmp: string;
  let cli: string;

  before(async function () {
    this.timeout(180_000);
    cli = (await buildBundles()).cli;
  });
  beforeEach(() => (tmp = mkdtempSync(join(tmpdir(), 'hw6-report-'))));
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('writes report.html, report.md and report.json with the answers of the workspace run', async () => {
    copyFileSync(join(FIXTURES, 'ws-wrong', 'q5_beam_search.ts'), join(tmp, 'q5_beam_search.ts'));
    writeFileSync(
      join(tmp, 'answers.md'),
      '# answers\n\n## 2a\n\nAnswer: d*mu^2\n\n## 5e\n\nAnswer: O(T k M)\n\n## 6c\n\nAnswer: 7 hours\n',
    );
    const report = join(tmp, 'out');
    const r = await runNode(cli, ['run', 'beam-search', '--workspace', tmp, '--quick', '--report', report], tmp);
    assert.equal(r.code, 1, r.stderr); // ws-wrong fails its checks: the report says so
    for (const f of ['report.html', 'report.md', 'report.json']) assert.ok(existsSync(join(report, f)), f);
    assert.ok(r.stdout.includes(join(report, 'report.md')), r.stdout);
    const html = readFileSync(join(report, 'report.html'), 'utf8');
    const md = readFileSync(join(report, 'report.md'), 'utf8');
    assert.match(html, /id="answer-5e" data-state="correct"/);
    assert.match(html, /id="answer-2a" data-state="correct"/);
    assert.match(html, /id="answer-5a" data-state="empty"/);
    assert.match(html, /<section id="zkc" class="problem">[\s\S]*?q1_zkc\.ts is not in the workspace\./);
    assert.match(html, /data-source="student"><strong>7 h<\/strong>/);
    assert.match(md, /^#### 5e — [^\n]*\n\n> O\(T k M\)\n\n\*\*checked: right\*\*/m);
    assert.match(md, /^## Q5 — Beam search — failed$/m);
    const json = JSON.parse(readFileSync(join(report, 'report.json'), 'utf8')) as {
      answers: { id: string }[];
      notRun: { id: string }[];
    };
    assert.ok(json.answers.some((a) => a.id === '6c'));
    assert.ok(json.notRun.some((n) => n.id === 'zkc'));
  });
});
