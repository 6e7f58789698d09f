import { strict as assert } from 'node:assert';
import { findProblem } from '../../../src/core/problems';
import { flatten, reportHtml, reportJson } from '../../../src/cli/report';
import { resultsJson } from '../../../src/cli/results';
import type { JobResult } from '../../../src/cli/session';
import { recordedScalingRun } from '../../webview/fixtures/scalingRun';
import { recordedKernelRun } from '../../webview/fixtures/kernelRun';

const problem = findProblem('beam-search')!;
const meta = {
  solution: 'reference solutions',
  config: { quick: true },
  generatedAt: new Date('2026-01-02T03:04:05Z'),
};

function result(overrides: Partial<JobResult> = {}): JobResult {
  return {
    job: { problem, solution: { kind: 'reference' }, config: { quick: true } },
    ok: true,
    findings: [
      { checkId: 'q5.good', ok: true, message: 'fine' },
      { checkId: 'q5.bad', ok: false, message: 'kept <script>alert(1)</script> & more' },
    ],
    artifacts: [
      { kind: 'table', title: 'Decodes', columns: ['k', 'text'], rows: [[1, '<b>bold?</b>']] },
      {
        kind: 'beam-trace',
        trace: {
          title: 'Tiny',
          source: 'a test',
          vocab: ['yes', 'no'],
          k: 1,
          T: 1,
          steps: [
            {
              t: 1,
              candidates: [
                { tokens: [0], score: -0.1, kept: true },
                { tokens: [1], score: -2.3, kept: false },
              ],
            },
          ],
          final: [{ tokens: [0], score: -0.1 }],
        },
      },
    ],
    logs: [{ type: 'log', level: 'warn', message: 'left 1 tensor' }],
    done: {
      type: 'done',
      ok: true,
      metrics: { figure2: { best: 'network neural neural', bestScore: -1.57 } },
      durationMs: 1234,
      backend: 'wasm',
    },
    wallMs: 1500,
    ...overrides,
  };
}

describe('report and results', () => {
  it('writes the documented --json shape', () => {
    const json = resultsJson([result()]);
    assert.deepEqual(json.problems[0]!.checks, [
      { id: 'q5.good', ok: true, message: 'fine' },
      { id: 'q5.bad', ok: false, message: 'kept <script>alert(1)</script> & more' },
    ]);
    assert.equal((json.problems[0]!.metrics.figure2 as { best: string }).best, 'network neural neural');
    assert.equal(json.problems[0]!.error, undefined);
    const failed = resultsJson([
      result({
        ok: false,
        done: undefined,
        error: { type: 'error', reason: 'time-limit', message: 'too slow', location: { file: 'q5.ts', line: 7 } },
      }),
    ]);
    assert.deepEqual(failed.problems[0]!.error, {
      reason: 'time-limit',
      message: 'too slow',
      location: { file: 'q5.ts', line: 7 },
    });
    assert.equal(failed.problems[0]!.durationMs, 1500);
  });

  it('renders a self-contained page with every text escaped', () => {
    const html = reportHtml([result()], meta);
    assert.doesNotMatch(html, /<script|<link|src=/);
    assert.match(html, /kept &lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; more/);
    assert.match(html, /&lt;b&gt;bold\?&lt;\/b&gt;/);
    assert.match(html, /<svg[\s>]/);
    assert.match(html, /figure2\.best<\/td><td>network neural neural/);
    assert.match(html, /1 of 1 problem passed/);
    assert.equal((html.match(/class="fail"><span class="mark">✗/g) ?? []).length, 1);
  });

  it('keeps findings, artifacts and logs in report.json', () => {
    const json = reportJson([result()], meta);
    assert.equal(json.generatedAt, '2026-01-02T03:04:05.000Z');
    assert.equal(json.problems[0]!.artifacts.length, 2);
    assert.deepEqual(json.problems[0]!.logs, [{ level: 'warn', message: 'left 1 tensor' }]);
  });

  it('flattens nested metrics to dotted keys', () => {
    assert.deepEqual(flatten({ a: { b: 1.23456789, c: [1, 2] }, d: [{ e: 'x' }] }), [
      ['a.b', '1.23457'],
      ['a.c', '1, 2'],
      ['d[0].e', 'x'],
    ]);
  });
  it('draws a problem 2 run inline: both histograms, both saturation plots, the answers marked, the Monte-Carlo table', function () {
    this.timeout(60_000); // the fixture's Monte Carlo, on a shared machine
    const run = recordedScalingRun([
      { id: '2a', text: 'd μ²', line: 4 },
      { id: '2b', text: 'd^2', line: 8 },
      { id: '2c', text: 'root of d', line: 12 },
    ]);
    const html = reportHtml([result({ artifacts: [run] })], meta);
    for (const kind of ['hist-raw', 'hist-scaled', 'saturation-maxWeight', 'saturation-gradNorm'])
      assert.equal(html.match(new RegExp(`<svg [^>]*class="lab-figure lab-${kind}"`, 'g'))?.length, 1, kind);
    assert.match(html, /<td>2a<\/td><td>d μ²<\/td>.*?<td>agrees<\/td>/);
    assert.match(
      html,
      // 2b's closed form there (64) would be its answer: held back until 2a–2c agree
      /<td>2b<\/td><td>d\^2<\/td>.*?<td class="num">4096<\/td><td>after 2a–2c<\/td><td>DISAGREES<\/td>/,
    );
    assert.match(html, /<td>2c<\/td><td>root of d<\/td>.*?unreadable: `root` is not a variable/);
    assert.equal((html.match(/<th>closed variance<\/th>/g) ?? []).length, 1);
    assert.doesNotMatch(html, /<script|<link|src=/);
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  });

  it('draws a problem 3 run inline: the checks, time and memory against N with slopes and crossovers, the tables', function () {
    this.timeout(60_000);
    const good = recordedKernelRun();
    const bad = { ...recordedKernelRun({ phiSize: 256, equivalenceError: 0.5 }), title: 'A wrong φ' };
    const html = reportHtml([result({ artifacts: [good, bad] })], meta);
    assert.equal(html.match(/<svg [^>]*class="lab-figure lab-kernel-ms"/g)?.length, 2);
    assert.equal(html.match(/<svg [^>]*class="lab-figure lab-kernel-bytes"/g)?.length, 2);
    for (const f of good.fits.filter((x) => x.cost === 'ms'))
      assert.ok(html.includes(`${f.form}, D = ${f.D} (${f.implementation}) · slope ${f.exponent.toFixed(2)}`));
    assert.match(html, /class="crossover measured" data-d="64"/);
    assert.match(html, /<li class="pass"><span class="mark">✓<\/span> max \|eq\. 3 − eq\. 5\|/);
    assert.match(html, /<li class="fail"><span class="mark">✗<\/span> φ has 256 entries for D = 16/);
    assert.match(html, /The sweep \(56 timed calls\)/);
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique across two runs');
  });
});
