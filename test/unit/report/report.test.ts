// The submission report (src/core/report): one self-contained page and its Markdown twin with every
// problem, every answer and its state, and Q6's hours (the student's figure over the measured one).
import { strict as assert } from 'node:assert';
import { QUESTIONS } from '../../../src/core/answers';
import { problemCatalog } from '../../../src/core/problems/catalog';
import {
  buildReport,
  renderHtml,
  renderMarkdown,
  renderReport,
  type MeasuredWork,
  type ReportInput,
  type ReportRun,
} from '../../../src/core/report';

const beam = problemCatalog.find((p) => p.id === 'beam-search')!;
const ANSWERS = `# Homework 6 — answers

## 1-learned

Answer:

## 2a — E[qᵀk]

Answer: d*mu^2

## 2b — Var

Answer: d^2

## 3a — when is eq. (3) well defined?

Answer: when sim(q, k) >= 0 <b>always</b>

## 5a

Answer: network, neural

## 6c — hours

Answer: about 12 hours
`;
const answers = { file: 'answers.md', text: ANSWERS };
const meta = { solution: 'workspace /tmp/ws', config: { quick: true }, generatedAt: new Date('2026-01-02T03:04:05Z') };

function beamRun(overrides: Partial<ReportRun> = {}): ReportRun {
  return {
    problem: beam,
    ok: false,
    findings: [
      { checkId: 'q5.topk', ok: true, message: 'keeps the top k' },
      {
        checkId: 'answers.sequences',
        ok: false,
        message: '5a: not on the beam',
        answerId: '5a',
        severity: 'error',
        location: { file: 'answers.md', line: 24 },
      },
    ],
    artifacts: [{ kind: 'table', title: 'Decodes', columns: ['k', 'text'], rows: [[1, 'network neural']] }],
    logs: [],
    done: { type: 'done', ok: false, metrics: { best: 'network neural neural' }, durationMs: 1234, backend: 'wasm' },
    wallMs: 1500,
    answersText: ANSWERS,
    ...overrides,
  };
}

const measured: MeasuredWork = {
  activeMs: 3.5 * 3_600_000,
  runs: { 'beam-search': 4, zkc: 1 },
  checks: { 'beam-search': 2 },
  sinceMs: Date.parse('2025-12-20T10:00:00Z'),
};
const input = (o: Partial<ReportInput> = {}): ReportInput => ({ runs: [beamRun()], meta, answers, measured, ...o });

const stateOf = (html: string, id: string): string | undefined =>
  new RegExp(`id="answer-${id}" data-state="([a-z]+)"`).exec(html)?.[1];

describe('submission report (core)', function () {
  this.timeout(60_000);

  it('is one self-contained page: no scripts, no external resources, every text escaped', () => {
    const html = renderHtml(buildReport(input()));
    assert.doesNotMatch(html, /<script|<link|<iframe|<img /i);
    assert.deepEqual(
      [...html.matchAll(/(?:src|href)="([^"]*)"/g)]
        .map((m) => m[1])
        .filter((u) => !u!.startsWith('#') && !u!.startsWith('data:')),
      [],
    );
    assert.doesNotMatch(html, /url\((?!data:)/);
    assert.match(html, /when sim\(q, k\) &gt;= 0 &lt;b&gt;always&lt;\/b&gt;/);
  });

  it('has a section per homework problem (run or not), Q6, a table of contents, the date and what ran', () => {
    const html = renderHtml(buildReport(input()));
    for (const p of problemCatalog) {
      assert.match(html, new RegExp(`<section id="${p.id}" class="problem">`), p.id);
      assert.match(html, new RegExp(`<li><a href="#${p.id}">`), `${p.id} in the contents`);
    }
    assert.match(html, /<section id="homework-process"/);
    assert.match(html, /<section id="zkc" class="problem">\n<h2>Q1 — [^<]+ <span class="badge fail">not run<\/span>/);
    assert.match(html, /Generated 2026-01-02 03:04 UTC · ran workspace \/tmp\/ws · quick = true/);
    assert.match(html, /0 of 1 problem passed/);
  });

  it("shows every question with the student's text and its check state; free text is never wrong", () => {
    const doc = buildReport(input());
    const html = renderHtml(doc);
    for (const q of QUESTIONS) assert.ok(stateOf(html, q.id), `${q.id} is in the report`);
    assert.equal(stateOf(html, '2a'), 'correct');
    assert.equal(stateOf(html, '2b'), 'wrong');
    assert.equal(stateOf(html, '3a'), 'answered');
    assert.equal(stateOf(html, '1-learned'), 'empty');
    assert.match(
      html,
      /id="answer-1-learned" data-state="empty">\n<h4>[^\n]*<\/h4>\n<p class="empty">\(no answer\)<\/p>/,
    );
    // 5a: the run's finding (it had the search tree), not a second opinion.
    assert.equal(stateOf(html, '5a'), 'wrong');
    assert.match(html, /5a: not on the beam/);
    for (const a of doc.answers!)
      if (QUESTIONS.find((q) => q.id === a.id)!.kind === 'free-text') assert.notEqual(a.state, 'wrong', a.id);
    // The answer findings moved from the run's checks to the answers.
    assert.doesNotMatch(html, /<code>answers\.sequences<\/code>/);
    assert.match(html, /<code>q5\.topk<\/code> keeps the top k/);
  });

  it('judges an answer again when the run read another answers.md', () => {
    const html = renderHtml(buildReport(input({ runs: [beamRun({ answersText: 'older text' })] })));
    // Without the run's search tree the checker can only say it cannot judge 5a here.
    assert.equal(stateOf(html, '5a'), 'note');
    assert.doesNotMatch(html, /5a: not on the beam/);
  });

  it("states the student's hours (6c) with the measured ones beside them, else the measured ones", () => {
    const edited = renderHtml(buildReport(input()));
    assert.match(
      edited,
      /<p class="hours" data-source="student"><strong>12 h<\/strong> \(your answer to 6c\); measured by HW6 Lab: 3\.5 h<\/p>/,
    );
    assert.match(
      edited,
      /3\.5 h of active time with the homework workspace open since 2025-12-20 10:00 UTC, 5 runs and 2 checks/,
    );
    assert.match(edited, /<td>beam-search<\/td><td class="num">4<\/td><td class="num">2<\/td>/);
    const measuredOnly = renderHtml(
      buildReport(input({ answers: { file: 'answers.md', text: ANSWERS.replace('about 12 hours', '') } })),
    );
    assert.match(
      measuredOnly,
      /data-source="measured"><strong>3\.5 h<\/strong> \(measured by HW6 Lab; write your own figure under 6c/,
    );
    const neither = renderHtml(buildReport(input({ measured: undefined, answers: { file: 'answers.md', text: '' } })));
    assert.match(neither, /data-source="none">not stated/);
    assert.match(neither, /No measurement/);
  });

  it('prints a page per problem, keeps figures and answers whole, shows links', () => {
    const html = renderHtml(buildReport(input()));
    const print = /@media print \{([\s\S]*?)\n\}/.exec(html)?.[1] ?? '';
    assert.match(print, /section\.problem \{ break-before: page; \}/);
    assert.match(print, /figure, \.svg svg, \.answer[^{]*\{ break-inside: avoid; \}/);
    assert.match(print, /a\[href\^="http"\]::after \{ content: " \(" attr\(href\) "\)"/);
    assert.match(html, /color-scheme: light/);
    assert.doesNotMatch(html, /<details(?! open)/, 'folded parts print open');
  });

  it('writes the same sections, answers and hours in Markdown', () => {
    const doc = buildReport(input());
    const md = renderMarkdown(doc);
    const html = renderHtml(doc);
    const h2 = (text: string): string[] =>
      [...text.matchAll(/^## (Q.*?)(?: — (?:not run|passed|failed|\w+))?$/gm)].map((m) => m[1]!.replace(/\\/g, ''));
    const htmlTitles = [...html.matchAll(/<h2>(Q[^<]*?) ?(?:<span|<\/h2>)/g)].map((m) =>
      m[1]!.replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
    );
    assert.deepEqual(h2(md), htmlTitles);
    assert.equal(htmlTitles.length, doc.sections.length);
    for (const q of QUESTIONS) assert.match(md, new RegExp(`^#### ${q.id} — `, 'm'), q.id);
    assert.match(md, /^> d\*mu\^2$/m);
    assert.match(md, /\*\*checked: right\*\* \(answers\.md line \d+\)/);
    assert.match(md, /\*\*12 h\*\* \(your answer to 6c\); measured by HW6 Lab: 3\.5 h/);
    assert.match(md, /^- ✓ `q5\.topk` keeps the top k$/m);
    assert.match(md, /^\| k \| text \|$/m);
    assert.doesNotMatch(md, /<svg/);
  });

  it('renders the three files; a reference report (no answers.md) shows no answers', () => {
    const files = renderReport(input({ answers: undefined, measured: undefined }));
    assert.deepEqual(Object.keys(files).sort(), ['report.html', 'report.json', 'report.md']);
    assert.doesNotMatch(files['report.html'], /Written answers|homework-process/);
    const json = JSON.parse(renderReport(input())['report.json']) as {
      answers: { id: string; state: string }[];
      hours: { stated: number; source: string };
    };
    assert.equal(json.answers.find((a) => a.id === '2a')?.state, 'correct');
    assert.deepEqual([json.hours.stated, json.hours.source], [12, 'student']);
  });
});
