// The HTML report's problem 4 section, on a hand-made run (test/fixtures/ae-artifact.ts): the panel's
// figures inline, the PCA and grid tables, the streamed cells left out when the final run has them.
import { strict as assert } from 'node:assert';
import type { Problem } from '../../../src/core/problem';
import { autoencodersInfo } from '../../../src/core/problems/autoencoders/meta';
import { metricTables, reportHtml, reportJson } from '../../../src/cli/report';
import type { JobResult } from '../../../src/cli/session';
import { fixtureAeRun, fixtureCellArtifacts, fixtureCells } from '../../fixtures/ae-artifact';

// The section reads only the problem's catalog fields (id, title, questions, file).
const problem = autoencodersInfo as unknown as Problem;
const meta = {
  solution: 'reference solutions',
  config: { quick: true },
  generatedAt: new Date('2026-01-02T03:04:05Z'),
};

function result(artifacts: JobResult['artifacts'], overrides: Partial<JobResult> = {}): JobResult {
  return {
    job: { problem, solution: { kind: 'reference' }, config: { quick: true } },
    ok: true,
    findings: [{ checkId: 'q4.loss', ok: true, message: 'the loss matches', marker: 'q4.loss' }],
    artifacts,
    logs: [],
    done: { type: 'done', ok: true, metrics: {}, durationMs: 4321, backend: 'wasm' },
    wallMs: 5000,
    ...overrides,
  };
}

const svgCount = (html: string, kind: string): number =>
  html.match(new RegExp(`<svg [^>]*class="lab-figure lab-${kind}"`, 'g'))?.length ?? 0;

describe('report: problem 4', () => {
  const cells = fixtureCells([5, 10]);
  const run = fixtureAeRun(cells);

  it('draws the final run inline: curves per selection, digits per image activation, angles, residual and spectrum per dataset, the PCA and grid tables', () => {
    const html = reportHtml([result([...fixtureCellArtifacts(cells), run])], meta);
    // 2 datasets × 2 activations × 3 variants, loss and probe each.
    assert.equal(svgCount(html, 'ae-curves-loss'), 12);
    assert.equal(svgCount(html, 'ae-curves-probe'), 12);
    assert.match(
      html,
      /<summary>Validation loss, probe accuracy and \(linear cells\) the angle to PCA per epoch \(30 figures\)<\/summary>/,
    );
    assert.equal(svgCount(html, 'ae-scree'), 2);
    assert.equal(svgCount(html, 'ae-residual'), 2);
    assert.equal(svgCount(html, 'ae-digits'), 2, 'MNIST only, one per activation');
    assert.equal(svgCount(html, 'ae-angles'), 2);
    assert.match(html, /<h4>The grid \(24 cells\)<\/h4>/);
    assert.match(html, /<th>PCA residual<\/th>/);
    // The synthetic closed form at k = 5 (280 − 10k) is in the PCA table.
    assert.match(html, /<td>synthetic<\/td><td class="num">5<\/td><td class="num">230<\/td><td class="num">230<\/td>/);
    assert.match(html, /24 cells, k ∈ \{5, 10\}, 2 workers, 65\.4 s wall/);
    assert.doesNotMatch(html, /<script|<link|src=/);
    assert.match(html, /href="data:image\/png;base64,/, 'digits are inline PNGs');
    // Two runs in one page (a student's and the reference, say) keep their ids apart.
    const again = result([{ ...run, title: 'Again' }]);
    again.job = { ...again.job, problem: { ...problem, id: 'autoencoders-again' } };
    const twice = reportHtml([result([run]), again], meta);
    const ids = [...twice.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(ids.length > 60);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  });

  it('ignores the streamed cells once the final run is there (page and report.json)', () => {
    const html = reportHtml([result([...fixtureCellArtifacts(cells), run])], meta);
    assert.doesNotMatch(html, /grid cells finished/);
    const json = reportJson([result([...fixtureCellArtifacts(cells), run])], meta);
    assert.deepEqual(
      json.problems[0]!.artifacts.map((a) => a.kind),
      ['autoencoders'],
    );
  });

  it('a run cut short shows the cells that finished as a table', () => {
    const some = fixtureCellArtifacts(cells).slice(0, 5);
    const html = reportHtml(
      [
        result(some, {
          ok: false,
          done: undefined,
          error: { type: 'error', reason: 'time-limit', message: 'too slow' },
        }),
      ],
      meta,
    );
    assert.match(html, /Autoencoders: 5 of 24 grid cells finished/);
    assert.equal(svgCount(html, 'ae-curves-loss'), 0);
    assert.equal(reportJson([result(some)], meta).problems[0]!.artifacts.length, 5);
  });
});

describe('report: metrics that are lists of records', () => {
  it('become one folded table each (problem 4: grid, pcaAngles, pcaResidual), the rest stays dotted', () => {
    const metrics = {
      grid: [
        {
          dataset: 'synthetic',
          activation: 'linear',
          variant: 'vanilla',
          k: 5,
          finalValLoss: 231.51249,
          probeAccuracy: 0.74,
        },
        { dataset: 'mnist', activation: 'relu', variant: 'masked', k: 10, finalValLoss: 40.7, probeAccuracy: 0.7 },
      ],
      pcaResidual: [
        { dataset: 'synthetic', k: 5, pcaResidual: 224.3, exactResidual: 230 },
        { dataset: 'mnist', k: 5, pcaResidual: 34.2 },
      ],
      nested: { a: 1 },
      list: [1, 2],
    };
    assert.deepEqual(metricTables(metrics).rest, { nested: { a: 1 }, list: [1, 2] });
    const html = reportHtml(
      [result([], { done: { type: 'done', ok: true, metrics, durationMs: 1, backend: 'wasm' } })],
      meta,
    );
    assert.match(
      html,
      /<summary><code>grid<\/code> \(2 rows\)<\/summary><table><thead><tr><th>dataset<\/th><th>activation<\/th><th>variant<\/th><th>k<\/th><th>finalValLoss<\/th><th>probeAccuracy<\/th><\/tr><\/thead>/,
    );
    assert.match(
      html,
      /<td>synthetic<\/td><td>linear<\/td><td>vanilla<\/td><td class="num">5<\/td><td class="num">231\.512<\/td><td class="num">0\.74<\/td>/,
    );
    assert.match(
      html,
      /<td>mnist<\/td><td class="num">5<\/td><td class="num">34\.2<\/td><td>–<\/td>/,
      'a key a record lacks is a dash',
    );
    assert.match(html, /nested\.a<\/td><td class="num">1<\/td>/);
    assert.doesNotMatch(html, /grid\[0\]/);
  });
});
