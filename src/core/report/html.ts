// The report as one self-contained HTML page: inline CSS and SVG, no scripts, no external
// resources; laid out to print to PDF (a page per problem, figures kept whole, a light palette).
import { ANSWER_STATE_LABELS } from './answers';
import { measuredHours, totalRuns } from './hours';
import type { Block, Inline, ReportAnswer, ReportDocument, ReportFigure, ReportSection } from './types';

export function renderHtml(doc: ReportDocument): string {
  const { meta } = doc;
  const config =
    Object.entries(meta.config)
      .map(([k, v]) => `${k} = ${String(v)}`)
      .join(', ') || 'defaults';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${esc(doc.title)}</h1>
<p class="meta">Generated ${esc(dateText(meta.generatedAt))}${meta.producer ? ` by ${esc(meta.producer)}` : ''} · ran ${esc(meta.solution)} · ${esc(config)}</p>
<p class="${doc.headline.ok ? 'pass' : 'fail'} headline">${esc(doc.headline.text)}${doc.answersSummary ? ` · ${esc(answersLine(doc))}` : ''}</p>
</header>
<main>
${toc(doc)}
${summaryTable(doc)}
${doc.sections.map(section).join('\n')}
</main>
</body>
</html>
`;
}

/** "2026-01-02 03:04 UTC" */
export function dateText(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function answersLine(doc: ReportDocument): string {
  const s = doc.answersSummary!;
  const n = s.byState;
  const parts = [
    `${s.total - n.empty} of ${s.total} questions answered`,
    `${n.correct} checked right`,
    `${n.wrong} not right`,
    `${n.answered} to be graded by hand`,
  ];
  if (n.note) parts.push(`${n.note} with a note`);
  return parts.join(', ');
}

function toc(doc: ReportDocument): string {
  const items = doc.sections.map((s) => `<li><a href="#${esc(s.id)}">${esc(sectionTitle(s))}</a></li>`).join('');
  return `<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>${items}</ol></nav>`;
}

export function sectionTitle(s: ReportSection): string {
  return `${s.questions.length ? `Q${questionNumber(s.questions)} — ` : ''}${s.title}`;
}

/** ['5a', '5b'] → "5"; ['1'] → "1". */
function questionNumber(questions: readonly string[]): string {
  return [...new Set(questions.map((q) => /^\d+/.exec(q)?.[0] ?? q))].join(', ');
}

function summaryTable(doc: ReportDocument): string {
  const rows = doc.summary.rows.map(
    (r) =>
      `<tr><td><a href="#${esc(r.anchor)}">${esc(r.cells[0]!)}</a></td><td>${r.ok === undefined ? esc(r.cells[1]!) : badge(r.ok, r.cells[1]!)}</td>${r.cells
        .slice(2)
        .map((c, i) => `<td${i < 2 ? ' class="num"' : ''}>${esc(c)}</td>`)
        .join('')}</tr>`,
  );
  return `<table class="summary"><thead><tr>${doc.summary.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function section(s: ReportSection): string {
  const parts = [
    `<section id="${esc(s.id)}" class="problem">`,
    `<h2>${esc(sectionTitle(s))}${s.status ? ` ${badge(s.status.ok, s.status.label)}` : ''}</h2>`,
  ];
  if (s.meta) parts.push(`<p class="meta">${esc(s.meta)}</p>`);
  parts.push(...s.blocks.map(block));
  if (s.answers.length > 0) parts.push('<h3>Written answers</h3>', ...s.answers.map(answer));
  if (s.hours) parts.push(hours(s));
  parts.push('</section>');
  return parts.join('\n');
}

function answer(a: ReportAnswer): string {
  const text = a.text === '' ? '<p class="empty">(no answer)</p>' : `<div class="answer-text">${esc(a.text)}</div>`;
  const where = a.line
    ? ` <span class="meta">answers.md line ${a.line}</span>`
    : ' <span class="meta">no heading in answers.md</span>';
  const notes = a.notes.map((n) => `<p class="meta">${esc(n)}</p>`).join('');
  return `<div class="answer" id="answer-${esc(a.id)}" data-state="${a.state}">
<h4><span class="qid">${esc(a.id)}</span> ${esc(a.prompt)}</h4>
${text}
<p class="state"><span class="badge state-${a.state}">${esc(ANSWER_STATE_LABELS[a.state])}</span>${where}${a.message ? ` ${esc(a.message)}` : ''}</p>${notes}
</div>`;
}

function hours(s: ReportSection): string {
  const h = s.hours!;
  const stated =
    h.source === 'student'
      ? `<strong>${fmtHours(h.written!)}</strong> (your answer to 6c)${h.measured !== undefined ? `; measured by HW6 Lab: ${fmtHours(h.measured)}` : ''}`
      : h.source === 'measured'
        ? `<strong>${fmtHours(h.measured!)}</strong> (measured by HW6 Lab; write your own figure under 6c in answers.md to replace it)`
        : 'not stated (answer 6c in answers.md)';
  const parts = [`<h3>Hours spent</h3>`, `<p class="hours" data-source="${h.source}">${stated}</p>`];
  const m = s.measured;
  if (m) {
    const t = totalRuns(m);
    const ids = [...new Set([...Object.keys(m.runs), ...Object.keys(m.checks)])].sort();
    parts.push(
      `<p class="meta">HW6 Lab measured ${fmtHours(measuredHours(m))} of active time with the homework workspace open${m.sinceMs !== undefined ? ` since ${esc(dateText(new Date(m.sinceMs)))}` : ''}, ${t.runs} run${t.runs === 1 ? '' : 's'} and ${t.checks} check${t.checks === 1 ? '' : 's'}.</p>`,
    );
    if (ids.length > 0)
      parts.push(
        block({
          kind: 'table',
          columns: ['problem', 'runs', 'checks'],
          rows: ids.map((id) => [id, String(m.runs[id] ?? 0), String(m.checks[id] ?? 0)]),
        }),
      );
  } else {
    parts.push(
      '<p class="meta">No measurement: HW6 Lab measures the time with the workspace open in VS Code (Export Submission Report there).</p>',
    );
  }
  return parts.join('\n');
}

export function fmtHours(h: number): string {
  return `${Number(h.toFixed(1))} h`;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${esc(b.text)}</h${b.level}>`;
    case 'text':
      return `<p${b.muted ? ' class="meta"' : ''}>${inline(b.text)}</p>`;
    case 'table':
      return table(b.columns, b.rows);
    case 'figures':
      return figures(b.figures);
    case 'checks':
      return `<ul class="checks">${b.items.map((i) => `<li class="${i.ok ? 'pass' : 'fail'}"><span class="mark">${i.ok ? '✓' : '✗'}</span> ${i.id ? `<code>${esc(i.id)}</code> ` : ''}${esc(i.text)}</li>`).join('')}</ul>`;
    case 'error':
      return `<div class="error"><strong>${esc(b.title)}</strong>: ${esc(b.message)}</div>`;
    case 'pre':
      return `<pre>${esc(b.text)}</pre>`;
    case 'fold':
      // Open, so that printing shows everything; the reader may fold it on screen.
      return `<details open><summary>${inline(b.summary)}</summary>${b.blocks.map(block).join('\n')}</details>`;
  }
}

function figures(fs: readonly ReportFigure[]): string {
  if (fs.length === 1 && (fs[0]!.title || fs[0]!.caption)) {
    const f = fs[0]!;
    const caption = [f.title ? `<strong>${esc(f.title)}</strong>` : '', f.caption ? esc(f.caption) : '']
      .filter(Boolean)
      .join(' · ');
    return `<figure><figcaption>${caption}</figcaption><div class="svg">${f.svg}</div></figure>`;
  }
  return `<div class="svg${fs.length > 1 ? ' figures' : ''}">${fs.map((f) => f.svg).join('')}</div>`;
}

function inline(parts: readonly Inline[]): string {
  return parts
    .map((p) =>
      typeof p === 'string'
        ? esc(p)
        : 'code' in p
          ? `<code>${esc(p.code)}</code>`
          : 'strong' in p
            ? `<strong>${esc(p.strong)}</strong>`
            : `<q>${esc(p.quote)}</q>`,
    )
    .join('');
}

function table(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = columns.map((c) => `<th>${esc(c)}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((c) => `<td${/^-?[\d.]+(e-?\d+)?$/.test(c) ? ' class="num"' : ''}>${esc(c)}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function badge(ok: boolean, label: string): string {
  return `<span class="badge ${ok ? 'pass' : 'fail'}">${esc(label)}</span>`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --pass: #1a7f37; --fail: #cf222e; --note: #9a6700; --bg-soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: #fff; }
header, main { max-width: 1000px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; border-bottom: 1px solid var(--line); }
h1 { margin: 0 0 4px; font-size: 26px; }
h2 { margin: 32px 0 4px; font-size: 20px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { margin: 20px 0 8px; font-size: 16px; }
h4 { margin: 16px 0 6px; font-size: 15px; }
.meta { color: var(--muted); font-size: 13px; margin: 4px 0; }
.headline { font-weight: 600; }
.pass { color: var(--pass); } .fail { color: var(--fail); }
.badge { font-size: 12px; font-weight: 600; padding: 1px 8px; border-radius: 10px; color: #fff; vertical-align: middle; background: var(--muted); }
.badge.pass, .badge.state-correct { background: var(--pass); } .badge.fail, .badge.state-wrong { background: var(--fail); }
.badge.state-answered { background: #0969da; } .badge.state-note { background: var(--note); } .badge.state-empty { background: #818b98; }
nav.toc ol { margin: 4px 0 0; padding-left: 24px; columns: 2; }
nav.toc h2 { border: 0; margin-top: 20px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: var(--bg-soft); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.summary { width: 100%; margin-top: 20px; }
ul.checks { list-style: none; padding: 0; margin: 0; }
ul.checks li { padding: 3px 0; color: var(--fg); }
ul.checks li .mark { display: inline-block; width: 1.2em; font-weight: 700; }
ul.checks li.pass .mark { color: var(--pass); } ul.checks li.fail .mark { color: var(--fail); }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: var(--bg-soft); padding: 1px 4px; border-radius: 4px; }
.error { border-left: 4px solid var(--fail); background: #ffebe9; padding: 8px 12px; margin: 12px 0; }
.answer { border-left: 3px solid var(--line); padding: 2px 0 2px 12px; margin: 12px 0; }
.answer[data-state="correct"] { border-color: var(--pass); } .answer[data-state="wrong"] { border-color: var(--fail); }
.answer .qid { font-weight: 700; margin-right: 6px; }
.answer-text { white-space: pre-wrap; background: var(--bg-soft); padding: 6px 10px; border-radius: 4px; font-size: 14px; }
.answer .empty { color: var(--muted); font-style: italic; margin: 4px 0; }
.answer .state { font-size: 13px; margin: 6px 0 0; }
figure { margin: 16px 0; }
figcaption { margin-bottom: 6px; }
.svg { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
.svg svg { display: block; }
.svg.figures { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
pre { background: var(--bg-soft); padding: 8px; overflow-x: auto; font-size: 12px; white-space: pre-wrap; }
@media print {
  @page { margin: 16mm 14mm; }
  :root { --bg-soft: #f6f8fa; }
  body { font-size: 11pt; background: #fff; color: #000; }
  header, main { max-width: none; padding: 0; }
  section.problem { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  figure, .svg svg, .answer, tr, ul.checks li, .error { break-inside: avoid; }
  .svg { overflow: visible; border: 0; padding: 0; }
  .svg svg { max-width: 100%; height: auto; }
  details > summary { list-style: none; font-weight: 600; }
  details > summary::-webkit-details-marker { display: none; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 9pt; color: var(--muted); }
  .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
