import assert from 'node:assert/strict';
import { forceLayout } from '../../../src/core/problems/zkc/figures/zkcLayout';
import {
  disagreeingNodes,
  renderZkcEmbeddingSvg,
  renderZkcGraphSvg,
} from '../../../src/core/problems/zkc/figures/zkcGraph';
import { logTicks } from '../../../src/core/viz/logTicks';
import {
  renderZkcAccuracySvg,
  renderZkcLossSvg,
  sampleIndices,
} from '../../../src/core/problems/zkc/figures/zkcCurves';
import { ZKC_CSV_HEADER, zkcEmbeddingCsv, zkcSeriesCsv } from '../../../src/core/problems/zkc/figures/zkcCsv';
import { isZkcRunArtifact } from '../../../src/core/problems/zkc/artifactValidate';
import { recordedZkcRun } from '../../webview/fixtures/zkcRun';
import type { ZkcRunArtifact } from '../../../src/core/problems/zkc/artifact';

describe('ZKC figures (DOM-free SVG)', function () {
  this.timeout(60_000);
  let run: ZkcRunArtifact;
  before(() => {
    run = recordedZkcRun();
  });

  it('lays the graph out deterministically inside the area, nodes apart', () => {
    const a = forceLayout(34, run.graph.edges, { width: 500, height: 400, margin: 20 });
    const b = forceLayout(34, run.graph.edges, { width: 500, height: 400, margin: 20 });
    assert.deepEqual(a, b);
    assert.equal(a.length, 34);
    for (const p of a) assert.ok(p.x >= 19.99 && p.x <= 480.01 && p.y >= 19.99 && p.y <= 380.01, JSON.stringify(p));
    let closest = Infinity;
    for (let i = 0; i < 34; i++)
      for (let j = i + 1; j < 34; j++) closest = Math.min(closest, Math.hypot(a[i].x - a[j].x, a[i].y - a[j].y));
    assert.ok(closest > 12, `closest pair ${closest}`);
    // The two factions end on opposite sides: the instructor (0) and the officer (33) are far apart.
    assert.ok(Math.hypot(a[0].x - a[33].x, a[0].y - a[33].y) > 150);
    assert.notDeepEqual(forceLayout(34, run.graph.edges, { width: 500, height: 400, seed: 8 }), a);
  });

  it('draws 34 labelled nodes and 78 edges, marks 8 and 9 where club and class disagree, and the test nodes', () => {
    const svg = renderZkcGraphSvg(run.graph);
    assert.equal(svg.match(/<circle class="dot"/g)?.length, 34);
    assert.equal(svg.match(/<line class="edge"/g)?.length, 78);
    assert.deepEqual(disagreeingNodes(run.graph), [8, 9]);
    assert.deepEqual(
      [...svg.matchAll(/class="node [^"]*disagree[^"]*" data-node="(\d+)"/g)].map((m) => m[1]),
      ['8', '9'],
    );
    assert.deepEqual(
      [...svg.matchAll(/class="node [^"]* test[ "][^>]*data-node="(\d+)"/g)].map((m) => Number(m[1])),
      run.graph.testNodes,
    );
    assert.match(svg, /<style>svg\.zkc-figure \{ --zk-font:/);
    assert.doesNotMatch(renderZkcGraphSvg(run.graph, { standalone: false }), /<style>/);
    assert.doesNotMatch(svg, /style="/, 'no style attributes: the panel CSP forbids them');
  });

  it('draws an embedding frame on fixed axes at its epoch', () => {
    const s = run.series[0];
    const svg = renderZkcEmbeddingSvg(run.graph, s.embeddings[0], { epoch: s.embeddingEpochs[0] });
    const last = renderZkcEmbeddingSvg(run.graph, s.embeddings.at(-1)!, {
      epoch: s.embeddingEpochs.at(-1),
      predictions: s.predictions,
    });
    assert.match(svg, /data-epoch="1"/);
    assert.notEqual(svg, last);
    assert.equal(last.match(/<circle class="dot"/g)?.length, 34);
    // Same axes for every frame: the tick labels do not move.
    const ticks = (x: string) => x.match(/<g class="axis">.*?<\/g>/)![0];
    assert.equal(ticks(svg), ticks(last));
  });

  it('puts log-scale loss ticks on the powers of ten the losses span', () => {
    assert.deepEqual(logTicks(0.004, 0.69), [0.01, 0.1]);
    assert.deepEqual(logTicks(0.0009, 1.2), [0.001, 0.01, 0.1, 1]);
    assert.deepEqual(logTicks(0.2, 0.7), [0.2, 0.5]);
    assert.deepEqual(logTicks(0.0723, 0.7), [0.1, 0.2, 0.5]);
    assert.deepEqual(logTicks(0.31, 0.45), [0.35, 0.4, 0.45]);
    const s = run.series[0];
    const svg = renderZkcLossSvg(s, { cursorEpoch: 1001 });
    const labels = [...svg.matchAll(/class="y-tick"[^>]*>([^<]+)</g)].map((m) => m[1]);
    assert.deepEqual(labels, ['0.01', '0.1']);
    assert.equal(svg.match(/<path class="curve (train|test)"/g)?.length, 2);
    assert.match(svg, /<g class="cursor-group" data-epoch="1001">/);
    assert.equal(svg.match(/class="cursor-dot/g)?.length, 2);
    // 20 000 epochs are sampled to at most 800 points per curve.
    const d = svg.match(/<path class="curve train" d="([^"]+)"/)![1];
    assert.ok(d.split('L').length <= 800, `${d.split('L').length} points`);
    assert.match(renderZkcAccuracySvg(s), /<path class="curve accuracy" d="M/);
  });

  it('samples long series evenly, keeping both ends', () => {
    assert.deepEqual(sampleIndices(5, 10), [0, 1, 2, 3, 4]);
    const idx = sampleIndices(20_000, 800);
    assert.equal(idx.length, 800);
    assert.equal(idx[0], 0);
    assert.equal(idx.at(-1), 19_999);
  });

  it('writes the series as CSV, one row per mask mode and epoch', () => {
    const csv = zkcSeriesCsv(run);
    const lines = csv.trimEnd().split('\n');
    assert.equal(lines[0], ZKC_CSV_HEADER.join(','));
    assert.equal(lines.length, 1 + run.series.reduce((n, s) => n + s.epochs.length, 0));
    const s = run.series[1];
    assert.equal(
      lines[1 + run.series[0].epochs.length],
      `train-only,1,${s.trainLoss[0]},${s.testLoss[0]},${s.testAccuracy[0]}`,
    );
    const emb = zkcEmbeddingCsv({ series: [run.series[1]] })
      .trimEnd()
      .split('\n');
    assert.equal(emb.length, 1 + run.series[1].embeddings.length * 34);
    assert.equal(emb[1], `train-only,1,0,${s.embeddings[0][0]},${s.embeddings[0][1]}`);
  });

  it('accepts the recorded run and rejects malformed ones', () => {
    assert.equal(isZkcRunArtifact(run), true);
    const broken = (patch: (r: ZkcRunArtifact) => void) => {
      const r = recordedZkcRun();
      patch(r);
      return isZkcRunArtifact(r);
    };
    assert.equal(
      broken((r) => (r.graph.edges[3] = [0, 99, 1])),
      false,
    );
    assert.equal(
      broken((r) => r.series[0].trainLoss.pop()),
      false,
    );
    assert.equal(
      broken((r) => (r.series[1].embeddings[2] = [1, 2])),
      false,
    );
    assert.equal(
      broken((r) => ((r.series[0] as { maskMode: string }).maskMode = 'some')),
      false,
    );
    assert.equal(
      broken((r) => ((r as { kind: string }).kind = 'table')),
      false,
    );
    assert.equal(isZkcRunArtifact(null), false);
    // A diverged run's NaN losses arrive as null through JSON: still drawn, with a gap.
    const diverged = recordedZkcRun();
    for (let i = 700; i < 720; i++) {
      (diverged.series[1].trainLoss as unknown[])[i] = null;
      (diverged.series[1].testAccuracy as unknown[])[i] = null;
    }
    assert.equal(isZkcRunArtifact(diverged), true);
    assert.equal(renderZkcLossSvg(diverged.series[1]).match(/<path class="curve train" d="[^"]*M/g)?.length, 1);
    assert.equal(
      (
        renderZkcLossSvg(diverged.series[1])
          .match(/<path class="curve train" d="([^"]*)"/)![1]
          .match(/M/g) ?? []
      ).length,
      2,
      'a gap: two subpaths',
    );
    assert.equal(
      (
        renderZkcAccuracySvg(diverged.series[1])
          .match(/<path class="curve accuracy" d="([^"]*)"/)![1]
          .match(/M/g) ?? []
      ).length,
      2,
    );
  });
});
