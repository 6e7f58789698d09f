// The report as Markdown: the same sections, answers, checks and tables as the HTML page. Figures
// are SVG, which Markdown viewers do not reliably draw: each is named here and drawn in report.html.
import { ANSWER_STATE_LABELS } from './answers';
import { answersLine, dateText, fmtHours, sectionTitle } from './html';
import { measuredHours, totalRuns } from './hours';
import type { Block, Inline, ReportAnswer, ReportDocument, ReportSection } from './types';

export function renderMarkdown(doc: ReportDocument): string {
  const { meta } = doc;
  const config =
    Object.entries(meta.config)
      .map(([k, v]) => `${k} = ${String(v)}`)
      .join(', ') || 'defaults';
  const out: string[] = [
    `# ${doc.title}`,
    `Generated ${dateText(meta.generatedAt)}${meta.producer ? ` by ${meta.producer}` : ''} · ran ${text(meta.solution)} · ${text(config)}`,
    `**${text(doc.headline.text)}**${doc.answersSummary ? ` · ${answersLine(doc)}` : ''}`,
    '## Contents',
    doc.sections.map((s, i) => `${i + 1}. [${text(sectionTitle(s))}](#${s.id})`).join('\n'),
    table(
      doc.summary.columns,
      doc.summary.rows.map((r) => r.cells),
    ),
  ];
  for (const s of doc.sections) out.push(...section(s));
  return out.join('\n\n') + '\n';
}

function section(s: ReportSection): string[] {
  const out = [`<a id="${s.id}"></a>\n\n## ${text(sectionTitle(s))}${s.status ? ` — ${s.status.label}` : ''}`];
  if (s.meta) out.push(`*${text(s.meta)}*`);
  out.push(...s.blocks.flatMap(block));
  if (s.answers.length > 0) out.push('### Written answers', ...s.answers.map(answer));
  if (s.hours) out.push(...hours(s));
  return out;
}

function answer(a: ReportAnswer): string {
  const body =
    a.text === ''
      ? '*(no answer)*'
      : a.text
          .split('\n')
          .map((l) => `> ${l}`)
          .join('\n');
  const where = a.line ? `answers.md line ${a.line}` : 'no heading in answers.md';
  const notes = a.notes.map((n) => `\n  ${text(n)}`).join('');
  return `#### ${a.id} — ${text(a.prompt)}\n\n${body}\n\n**${ANSWER_STATE_LABELS[a.state]}** (${where})${a.message ? `: ${text(a.message)}` : ''}${notes}`;
}

function hours(s: ReportSection): string[] {
  const h = s.hours!;
  const stated =
    h.source === 'student'
      ? `**${fmtHours(h.written!)}** (your answer to 6c)${h.measured !== undefined ? `; measured by HW6 Lab: ${fmtHours(h.measured)}` : ''}`
      : h.source === 'measured'
        ? `**${fmtHours(h.measured!)}** (measured by HW6 Lab; write your own figure under 6c in answers.md to replace it)`
        : 'not stated (answer 6c in answers.md)';
  const out = ['### Hours spent', stated];
  const m = s.measured;
  if (m) {
    const t = totalRuns(m);
    out.push(
      `HW6 Lab measured ${fmtHours(measuredHours(m))} of active time with the homework workspace open${m.sinceMs !== undefined ? ` since ${dateText(new Date(m.sinceMs))}` : ''}, ${t.runs} run${t.runs === 1 ? '' : 's'} and ${t.checks} check${t.checks === 1 ? '' : 's'}.`,
    );
    const ids = [...new Set([...Object.keys(m.runs), ...Object.keys(m.checks)])].sort();
    if (ids.length > 0)
      out.push(
        table(
          ['problem', 'runs', 'checks'],
          ids.map((id) => [id, String(m.runs[id] ?? 0), String(m.checks[id] ?? 0)]),
        ),
      );
  } else {
    out.push(
      '*No measurement: HW6 Lab measures the time with the workspace open in VS Code (Export Submission Report there).*',
    );
  }
  return out;
}

function block(b: Block): string[] {
  switch (b.kind) {
    case 'heading':
      return [`${'#'.repeat(b.level)} ${text(b.text)}`];
    case 'text':
      return [b.muted ? `*${inline(b.text)}*` : inline(b.text)];
    case 'table':
      return [table(b.columns, b.rows)];
    case 'figures':
      return [
        b.figures
          .map(
            (f) =>
              `*Figure${f.title ? `: ${text(f.title)}` : ` ${figureName(f.svg)}`}${f.caption ? ` · ${text(f.caption)}` : ''} (drawn in report.html)*`,
          )
          .join('  \n'),
      ];
    case 'checks':
      return [b.items.map((i) => `- ${i.ok ? '✓' : '✗'} ${i.id ? `\`${i.id}\` ` : ''}${text(i.text)}`).join('\n')];
    case 'error':
      return [`> **${text(b.title)}**: ${text(b.message)}`];
    case 'pre':
      return ['```text\n' + b.text.replace(/```/g, '`‵`') + '\n```'];
    case 'fold':
      return [`**${inline(b.summary)}**`, ...b.blocks.flatMap(block)];
  }
}

/** A figure without a caption is named by its SVG's aria-label or <title>. */
function figureName(svg: string): string {
  const label = /aria-label="([^"]*)"/.exec(svg)?.[1] ?? /<title>([^<]*)<\/title>/.exec(svg)?.[1];
  return label ? `: ${text(unescapeXml(label))}` : '';
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function inline(parts: readonly Inline[]): string {
  return parts
    .map((p) =>
      typeof p === 'string'
        ? text(p)
        : 'code' in p
          ? `\`${p.code}\``
          : 'strong' in p
            ? `**${text(p.strong)}**`
            : `“${text(p.quote)}”`,
    )
    .join('');
}

function table(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (c: string): string => text(c).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    `| ${columns.map(cell).join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** Plain text that Markdown must not read as markup or HTML. */
function text(s: string): string {
  return s.replace(/[\\`*_<>[\]]/g, (c) => `\\${c}`);
}
