// Problem 4's DOM-free drawing: the grayscale PNG encoder (inflated back with fflate), base64, the
// per-epoch band over repeats, the grid rows, the sweep's progress and ETA, the SVG figures (band
// edges at the repeats' min and max, the previous run dashed, digits that decode to their pixels),
// the report's parts, and the validators that keep malformed artifacts out of the panel.
import assert from 'node:assert/strict';
import { unzlibSync } from 'fflate';
import {
  base64Decode,
  base64Encode,
  digitPngUri,
  encodeGrayPng,
} from '../../../src/core/problems/autoencoders/figures/aePng';
import { crc32 } from '../../../src/core/crc32';
import {
  AE_GRID_CSV_HEADER,
  aeGridCsv,
  aeGridRows,
  aePcaPoints,
  aeProgress,
  band,
  formatDuration,
  spread,
  viewOfCells,
} from '../../../src/core/problems/autoencoders/figures/aeData';
import {
  aeReportParts,
  aeRunSvgs,
  formatSpread,
  renderAeAnglesSvg,
  renderAeCurvesSvg,
  renderAeDigitsSvg,
  renderAeResidualSvg,
  renderAeScreeSvg,
} from '../../../src/core/problems/autoencoders/figures/aeCharts';
import { isKnownArtifact } from '../../../src/core/viz/artifactValidate';
import {
  isAeCellArtifact,
  isAutoencodersArtifact,
  isDigitStrip,
} from '../../../src/core/problems/autoencoders/artifactValidate';
import { parseFromWebview, parseToWebview } from '../../../src/core/protocol';
import type { AeCellResult } from '../../../src/core/problems/autoencoders/artifact';
import { aeFixtureRun, AE_FIXTURE } from '../../webview/fixtures/aeRun';
import { assertWellFormedSvg } from '../viz/svgWellFormed';
// A real `hw6-lab run autoencoders --reference --quick` final artifact (digits cut to 2 per strip).
import quickRunJson from '../../webview/fixtures/aeQuickRun.json';

/** The chunks of a PNG file: [type, data][] after checking the signature and every CRC. */
function pngChunks(png: Uint8Array): [string, Uint8Array][] {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: [string, Uint8Array][] = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    assert.equal(view.getUint32(at + 8 + length), crc32(png, at + 4, at + 8 + length), `CRC of ${type}`);
    out.push([type, png.subarray(at + 8, at + 8 + length)]);
    at += 12 + length;
  }
  return out;
}

/** Decodes an 8-bit grayscale, filter-0 PNG (what encodeGrayPng writes) back to its pixels. */
function decodeGrayPng(png: Uint8Array): { width: number; height: number; pixels: Uint8Array } {
  const chunks = pngChunks(png);
  assert.deepEqual(
    chunks.map(([t]) => t),
    ['IHDR', 'IDAT', 'IEND'],
  );
  const ihdr = new DataView(chunks[0][1].buffer, chunks[0][1].byteOffset, 13);
  const width = ihdr.getUint32(0);
  const height = ihdr.getUint32(4);
  assert.deepEqual([...chunks[0][1].subarray(8)], [8, 0, 0, 0, 0], 'bit depth 8, grayscale, no interlace');
  const raw = unzlibSync(chunks[1][1]);
  assert.equal(raw.length, height * (width + 1));
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    assert.equal(raw[y * (width + 1)], 0, 'filter type 0');
    pixels.set(raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1)), y * width);
  }
  return { width, height, pixels };
}

const cell = (over: Partial<AeCellResult>): AeCellResult => ({
  dataset: 'synthetic',
  activation: 'linear',
  variant: 'vanilla',
  k: 5,
  repeat: 0,
  seed: 1,
  trainLoss: [3, 2],
  valLoss: [3, 2],
  probeCurve: [0.5, 0.6],
  finalValLoss: 2,
  probeAccuracy: 0.6,
  ms: 1000,
  ...over,
});

describe('autoencoders figures (DOM-free)', () => {
  const fixture = aeFixtureRun();
  const run = fixture.final;

  describe('PNG and base64', () => {
    it('encodes grayscale pixels as a PNG that inflates back to them', () => {
      const pixels = Uint8Array.from({ length: 28 * 28 }, (_, i) => (i * 37) % 256);
      const decoded = decodeGrayPng(encodeGrayPng(28, 28, pixels));
      assert.equal(decoded.width, 28);
      assert.equal(decoded.height, 28);
      assert.deepEqual(decoded.pixels, pixels);
      // Not square either.
      const wide = Uint8Array.from({ length: 5 * 3 }, (_, i) => i * 17);
      assert.deepEqual(decodeGrayPng(encodeGrayPng(5, 3, wide)).pixels, wide);
      assert.throws(() => encodeGrayPng(28, 28, new Uint8Array(10)), /10 pixels for 28×28/);
    });

    it('computes the standard CRC-32', () => {
      assert.equal(crc32(new TextEncoder().encode('IEND')), 0xae426082);
      assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
    });

    it('round-trips base64 like Buffer does, and refuses what is not base64', () => {
      for (const n of [0, 1, 2, 3, 4, 5, 784]) {
        const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 101 + 7) % 256);
        const text = base64Encode(bytes);
        assert.equal(text, Buffer.from(bytes).toString('base64'));
        assert.deepEqual(base64Decode(text), bytes);
      }
      assert.equal(base64Decode('not base64!'), undefined);
      assert.equal(base64Decode('A'), undefined);
    });

    it('turns a DigitStrip image into a PNG data: URI of the same pixels', () => {
      const strip = fixture.cells.find((c) => c.cell.digits)!.cell.digits!;
      const uri = digitPngUri(strip.original[0], 28, 28)!;
      assert.match(uri, /^data:image\/png;base64,iVBORw0KGgo/);
      const png = Uint8Array.from(Buffer.from(uri.slice('data:image/png;base64,'.length), 'base64'));
      assert.deepEqual(decodeGrayPng(png).pixels, base64Decode(strip.original[0]));
      assert.equal(digitPngUri(strip.original[0], 27, 28), undefined, 'wrong size');
    });
  });

  describe('bands, rows and progress', () => {
    it('bands each epoch by the mean, min and max over repeats (nulls skipped, uneven lengths)', () => {
      const b = band([
        [4, 2, 1],
        [2, 6, null],
        [3, 1],
      ]);
      assert.deepEqual(b.mean, [3, 3, 1]);
      assert.deepEqual(b.min, [2, 1, 1]);
      assert.deepEqual(b.max, [4, 6, 1]);
      assert.deepEqual(b.n, [3, 3, 1]);
      assert.equal(spread([null, undefined, NaN]), undefined);
    });

    it('groups the grid into rows with spreads over repeats', () => {
      const rows = aeGridRows([
        cell({ finalValLoss: 2, probeAccuracy: 0.5, anglesDeg: [1, 3] }),
        cell({ repeat: 1, finalValLoss: 4, probeAccuracy: 0.7, anglesDeg: [2, 6] }),
        cell({ k: 10, finalValLoss: 1 }),
      ]);
      assert.equal(rows.length, 2);
      assert.deepEqual([rows[0].k, rows[0].repeats], [5, 2]);
      assert.deepEqual(rows[0].finalValLoss, { mean: 3, min: 2, max: 4, n: 2 });
      assert.ok(Math.abs(rows[0].probeAccuracy!.mean - 0.6) < 1e-12);
      assert.deepEqual(rows[0].meanAngleDeg, { mean: 3, min: 2, max: 4, n: 2 });
      assert.deepEqual(rows[0].maxAngleDeg, { mean: 4.5, min: 3, max: 6, n: 2 });
      assert.equal(rows[0].fewLabelAccuracy, undefined);
      assert.equal(formatSpread(rows[0].finalValLoss), '3 ± 1');
      assert.equal(rows.length, new Set(rows.map((r) => r.k)).size);
      assert.equal(aeGridRows(run.cells).length, 36);
    });

    it('gives the sweep’s progress and an ETA from the arrival times', () => {
      assert.equal(aeProgress([], 0), undefined);
      // Started at t = 0 (first cell took 1 s); 4 cells by t = 4 s: 1 s per cell, 6 more cells.
      const arrivals = [1000, 2000, 3000, 4000].map((at, index) => ({ index, total: 10, at, ms: 1000 }));
      const p = aeProgress(arrivals, 4000)!;
      assert.deepEqual(p, { done: 4, total: 10, fraction: 0.4, elapsedMs: 4000, etaMs: 6000 });
      assert.equal(aeProgress(arrivals, 5500)!.etaMs, 4500, 'time since the last arrival counts down');
      assert.equal(
        aeProgress([...arrivals, { index: 3, total: 10, at: 4500, ms: 1000 }], 4500)!.done,
        4,
        'an index counts once',
      );
      const done = aeProgress(
        Array.from({ length: 10 }, (_, index) => ({ index, total: 10, at: 1000 * (index + 1), ms: 1000 })),
        20_000,
      )!;
      assert.equal(done.etaMs, undefined);
      assert.equal(done.elapsedMs, 10_000);
      assert.equal(formatDuration(75_000), '1:15');
      assert.equal(formatDuration(3_725_000), '1:02:05');
    });

    it('writes the grid as CSV with the previous run beside it', () => {
      const previous = aeFixtureRun({ seed: 2, lossScale: 2 }).final;
      const csv = aeGridCsv(run.cells, previous.cells).trimEnd().split('\n');
      assert.equal(csv[0], AE_GRID_CSV_HEADER.join(','));
      assert.equal(csv.length, 37);
      const first = csv[1].split(',');
      const rows = aeGridRows(run.cells);
      assert.deepEqual(first.slice(0, 5), ['synthetic', 'linear', 'vanilla', '5', '2']);
      assert.equal(Number(first[5]), rows[0].finalValLoss!.mean);
      assert.equal(Number(first[15]), aeGridRows(previous.cells)[0].finalValLoss!.mean);
      assert.equal(first[11], '', 'no few-label accuracy for synthetic');
    });
  });

  describe('SVG figures', () => {
    const sel = { dataset: 'synthetic', activation: 'linear', variant: 'vanilla' } as const;

    it('draws one line per k with a band whose edges are the repeats’ min and max', () => {
      const svg = renderAeCurvesSvg(run.cells, sel, 'valLoss');
      assertWellFormedSvg(svg);
      assert.equal(svg.match(/<g class="series s\d" data-k=/g)?.length, AE_FIXTURE.ks.length);
      assert.equal(svg.match(/<path class="band s\d"/g)?.length, AE_FIXTURE.ks.length);
      // The band of k = 5: its upper edge at each epoch is y(max over repeats), the lower y(min).
      const yMin = Number(/data-y-min="([^"]+)"/.exec(svg)![1]);
      const yMax = Number(/data-y-max="([^"]+)"/.exec(svg)![1]);
      const y = (v: number) => 264 - ((v - yMin) / (yMax - yMin)) * 234; // height 300, margins 30 / 36
      const repeats = run.cells.filter(
        (c) => c.dataset === 'synthetic' && c.activation === 'linear' && c.variant === 'vanilla' && c.k === 5,
      );
      const d = /<g class="series s1" data-k="5"[^>]*><path class="band s1" d="([^"]+)"/.exec(svg)![1];
      const ys = [...d.matchAll(/[ML][\d.]+,([\d.]+)/g)].map((m) => Number(m[1]));
      const epochs = repeats[0].valLoss.length;
      assert.equal(ys.length, 2 * epochs);
      for (let e = 0; e < epochs; e++) {
        const vals = repeats.map((c) => c.valLoss[e]);
        assert.ok(Math.abs(ys[e] - y(Math.max(...vals))) < 0.01, `upper edge at epoch ${e + 1}`);
        assert.ok(Math.abs(ys[2 * epochs - 1 - e] - y(Math.min(...vals))) < 0.01, `lower edge at epoch ${e + 1}`);
      }
      // Probe accuracy in percent; no band with a single repeat.
      const single = renderAeCurvesSvg(
        run.cells.filter((c) => c.repeat === 0),
        sel,
        'probe',
      );
      assertWellFormedSvg(single);
      assert.doesNotMatch(single, /class="band/);
      assert.match(single, /100 %/);
      assert.match(renderAeCurvesSvg([], sel, 'valLoss'), /No cells for this selection yet/);
    });

    it('overlays the previous run dashed, with a legend entry', () => {
      const previous = aeFixtureRun({ seed: 2, lossScale: 1.3 }).final;
      const svg = renderAeCurvesSvg(run.cells, sel, 'valLoss', { previous: previous.cells });
      assertWellFormedSvg(svg);
      assert.equal(
        svg.match(/<g class="series previous s\d" data-k="\d+" data-previous="true"><path class="curve s\d previous"/g)
          ?.length,
        AE_FIXTURE.ks.length,
      );
      assert.match(svg, />previous run</);
      assert.match(svg, /\.lab-figure \.previous \.curve, \.lab-figure \.curve\.previous \{ stroke-dasharray/);
      const angles = renderAeAnglesSvg(run, 'synthetic', { previous });
      assert.equal(angles.match(/data-previous="true"/g)?.length, 2);
    });

    it('draws the PCA link: angles, the loss beside the PCA residual and its closed form, the scree', () => {
      const angles = renderAeAnglesSvg(run, 'synthetic');
      assertWellFormedSvg(angles);
      const pca = run.pca.filter((r) => r.dataset === 'synthetic');
      for (const r of pca) assert.match(angles, new RegExp(`mean angle, k = ${r.k}: `));
      assert.equal(angles.match(/<circle/g)?.length, 2 * pca.length);
      const residual = renderAeResidualSvg(run, 'synthetic');
      assertWellFormedSvg(residual);
      assert.match(residual, /closed form, k = 5: 230</);
      assert.match(residual, /data-series="pca"/);
      assert.doesNotMatch(renderAeResidualSvg(run, 'mnist'), /closed form, k/);
      // While the sweep runs there are no PCA rows: the angles come from the linear vanilla cells.
      const live = aePcaPoints(viewOfCells(run.cells), 'synthetic');
      assert.deepEqual(
        live.map((p) => p.k),
        AE_FIXTURE.ks,
      );
      assert.ok(live.every((p) => p.meanDeg! > 0 && p.maxDeg! >= p.meanDeg!));
      const scree = renderAeScreeSvg(run.spectra, 'mnist', run.ks);
      assertWellFormedSvg(scree);
      assert.equal(scree.match(/class="k-mark"/g)?.length, AE_FIXTURE.ks.length);
      assert.match(renderAeScreeSvg([], 'mnist', run.ks), /No spectrum in this run/);
    });

    it('draws the digits as PNG images of their pixels, one row per variant or per k', () => {
      const svg = renderAeDigitsSvg(run.cells, 'mnist', 'linear', { rowsBy: 'variant', k: 10 });
      assertWellFormedSvg(svg);
      const hrefs = [
        ...svg.matchAll(/<image class="ae-digit" data-role="(\w+)"[^>]* href="data:image\/png;base64,([^"]+)"/g),
      ];
      assert.equal(hrefs.length, 3 * 3 * AE_FIXTURE.digits);
      const cellOf = run.cells.find(
        (c) =>
          c.dataset === 'mnist' && c.activation === 'linear' && c.variant === 'vanilla' && c.k === 10 && c.repeat === 0,
      )!;
      assert.deepEqual(
        decodeGrayPng(Uint8Array.from(Buffer.from(hrefs[0][2], 'base64'))).pixels,
        base64Decode(cellOf.digits!.original[0]),
      );
      assert.deepEqual(
        hrefs.slice(0, 12).map((m) => m[1]),
        [...Array(4).fill('original'), ...Array(4).fill('corrupted'), ...Array(4).fill('reconstructed')],
      );
      const byK = renderAeDigitsSvg(run.cells, 'mnist', 'relu', { rowsBy: 'k', variant: 'masked' });
      assert.deepEqual(
        [...byK.matchAll(/<g class="digit-row" data-variant="(\w+)" data-k="(\d+)"/g)].map((m) => `${m[1]}/${m[2]}`),
        ['masked/5', 'masked/10', 'masked/100'],
      );
      assert.match(
        renderAeDigitsSvg(run.cells, 'synthetic', 'linear', { rowsBy: 'variant' }),
        /The synthetic data has no images/,
      );
    });

    it('gives the report every figure, the tables and the CSV', () => {
      const parts = aeReportParts(run);
      const ids = parts.figures.map((f) => f.id);
      assert.ok(ids.includes('curves-synthetic-linear-vanilla-loss'));
      assert.ok(ids.includes('curves-mnist-relu-masked-probe'));
      assert.deepEqual(
        ids.filter((id) => id.startsWith('digits-')),
        ['digits-mnist-linear', 'digits-mnist-relu'],
      );
      for (const id of [
        'angles-synthetic',
        'residual-synthetic',
        'scree-synthetic',
        'angles-mnist',
        'residual-mnist',
        'scree-mnist',
      ])
        assert.ok(ids.includes(id), id);
      // loss and probe per dataset × activation × variant (this fixture's cells have no angle curves)
      assert.equal(parts.figures.length, 2 * 2 * 3 * 2 + 2 + 6);
      // a real run's linear cells add the angle per epoch: one figure per linear dataset × variant
      const real = aeRunSvgs(quickRunJson as unknown as typeof run).map((f) => f.id);
      assert.deepEqual(
        real.filter((id) => id.endsWith('-angle')),
        ['synthetic', 'mnist'].flatMap((d) =>
          ['vanilla', 'denoising', 'masked'].map((v) => `curves-${d}-linear-${v}-angle`),
        ),
      );
      for (const f of parts.figures) assertWellFormedSvg(f.svg);
      // Several figures in one page: their title ids differ.
      const titleIds = parts.figures.map((f) => /aria-labelledby="([^"]+)"/.exec(f.svg)![1]);
      assert.equal(new Set(titleIds).size, titleIds.length);
      assert.equal(parts.table.rows.length, 36);
      assert.equal(parts.table.rows[0].length, parts.table.columns.length);
      assert.equal(parts.pcaTable.rows.length, run.pca.length);
      assert.equal(parts.csv, aeGridCsv(run.cells));
      assert.match(parts.summary, /72 cells, k ∈ \{5, 10, 100\}, 2 workers/);
      assert.equal(aeRunSvgs(run, { previous: run }).length, parts.figures.length);
    });
  });

  describe('validators', () => {
    const good = fixture.cells.find((c) => c.cell.digits)!;

    it('accept a real quick run of the reference, and draw every figure of it', () => {
      assert.ok(isAutoencodersArtifact(quickRunJson));
      const real = quickRunJson as unknown as typeof run;
      real.cells.forEach((cell, index) =>
        assert.ok(isAeCellArtifact({ kind: 'ae-cell', index, total: real.cells.length, cell })),
      );
      for (const f of aeReportParts(real).figures) assertWellFormedSvg(f.svg);
    });

    it('accept the fixture’s artifacts', () => {
      for (const c of fixture.cells) assert.ok(isAeCellArtifact(c));
      assert.ok(isAutoencodersArtifact(run));
      assert.ok(isKnownArtifact(run) && isKnownArtifact(good));
      // JSON turns NaN into null: still drawable.
      assert.ok(
        isAeCellArtifact(
          JSON.parse(JSON.stringify({ ...good, cell: { ...good.cell, valLoss: [NaN, 1], finalValLoss: NaN } })),
        ),
      );
    });

    const broken: [string, unknown][] = [
      ['index ≥ total', { ...good, index: good.total }],
      ['a negative index', { ...good, index: -1 }],
      ['an unknown variant', { ...good, cell: { ...good.cell, variant: 'sparse' } }],
      ['an unknown dataset', { ...good, cell: { ...good.cell, dataset: 'cifar' } }],
      ['k = 0', { ...good, cell: { ...good.cell, k: 0 } }],
      ['valLoss not an array', { ...good, cell: { ...good.cell, valLoss: 3 } }],
      ['a string in probeCurve', { ...good, cell: { ...good.cell, probeCurve: [0.5, '0.6'] } }],
      ['anglesDeg not numbers', { ...good, cell: { ...good.cell, anglesDeg: ['1°'] } }],
      [
        'a digit of the wrong length',
        {
          ...good,
          cell: {
            ...good.cell,
            digits: {
              ...good.cell.digits!,
              reconstructed: [good.cell.digits!.reconstructed[0].slice(4), ...good.cell.digits!.reconstructed.slice(1)],
            },
          },
        },
      ],
      [
        'a digit that is not base64',
        {
          ...good,
          cell: {
            ...good.cell,
            digits: { ...good.cell.digits!, original: ['!'.repeat(1048), ...good.cell.digits!.original.slice(1)] },
          },
        },
      ],
      ['fewer labels than digits', { ...good, cell: { ...good.cell, digits: { ...good.cell.digits!, labels: [1] } } }],
      ['another kind', { ...good, kind: 'ae-grid' }],
    ];
    for (const [what, value] of broken)
      it(`reject a cell with ${what}`, () => assert.equal(isAeCellArtifact(value), false));

    it('reject a malformed run', () => {
      assert.equal(isAutoencodersArtifact({ ...run, pca: undefined }), false);
      assert.equal(isAutoencodersArtifact({ ...run, ks: [5, 'ten'] }), false);
      assert.equal(isAutoencodersArtifact({ ...run, cells: [...run.cells, { ...run.cells[0], repeat: -1 }] }), false);
      assert.equal(isAutoencodersArtifact({ ...run, spectra: [{ dataset: 'mnist', eigenvalues: 'big' }] }), false);
      assert.equal(isAutoencodersArtifact({ ...run, datasets: [{ ...run.datasets[0], epochs: 0 }] }), false);
      assert.equal(
        isDigitStrip({ width: 28, height: 28, original: [], corrupted: [], reconstructed: [], labels: [] }),
        true,
      );
      assert.equal(
        isDigitStrip({ width: 1000, height: 1000, original: [], corrupted: [], reconstructed: [], labels: [] }),
        false,
      );
    });

    it('protocol: runStatus and the snapshot’s cells are validated, cancelRun is accepted', () => {
      assert.deepEqual(parseFromWebview({ type: 'cancelRun' }), { type: 'cancelRun' });
      assert.ok(parseToWebview({ type: 'runStatus', problemId: 'autoencoders', state: 'running' }));
      assert.ok(
        parseToWebview({ type: 'runStatus', problemId: 'autoencoders', state: 'error', message: 'out of memory' }),
      );
      assert.equal(parseToWebview({ type: 'runStatus', problemId: 'autoencoders', state: 'paused' }), undefined);
      assert.equal(parseToWebview({ type: 'runStatus', state: 'done' }), undefined);
      assert.equal(
        parseToWebview({ type: 'runStatus', problemId: 'autoencoders', state: 'error', message: 7 }),
        undefined,
      );
      const snapshot = { artifacts: [run, ...fixture.cells.slice(0, 3)], running: true };
      assert.ok(parseToWebview({ type: 'init', version: 1, snapshot }));
      assert.equal(
        parseToWebview({
          type: 'init',
          version: 1,
          snapshot: { ...snapshot, artifacts: [run, { ...good, index: 99 }] },
        }),
        undefined,
      );
      assert.equal(parseToWebview({ type: 'init', version: 1, snapshot: { ...snapshot, running: 'yes' } }), undefined);
      assert.ok(parseToWebview({ type: 'artifact', artifact: good }));
      assert.equal(parseToWebview({ type: 'artifact', artifact: { ...good, total: 0 } }), undefined);
    });
  });
});
