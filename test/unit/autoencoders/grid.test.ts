// The grid's run on a pool: the order a pool of several cell processes takes the cells in (longest
// first, results still in grid order; the judge dispatches each cell as a request of its own), PCA
// computed once by the run and carried by the linear cells (the same angles as a cell's own PCA), and
// the accuracy curve's warm-started probe.
import assert from 'node:assert/strict';
import { useTfBackend } from '../support/tf';
import { autoencodersChild } from '../../../src/core/problems/autoencoders/child';
import type { AeCellArtifact, AutoencodersArtifact } from '../../../src/core/problems/autoencoders/artifact';
import { defaultConfig } from '../../../src/core/problems/autoencoders/config';
import {
  buildGrid,
  cellCost,
  dispatchOrder,
  loadData,
  pcaBasisOf,
  pcaOf,
  type AeCell,
} from '../../../src/core/problems/autoencoders/grid';
import { pcaReferenceDim } from '../../../src/core/problems/autoencoders/pca';
import { trainProbe, type Features } from '../../../src/core/problems/autoencoders/probe';
import type { AeCellOutcome } from '../../../src/core/problems/autoencoders/results';
import type { ProblemChild } from '../../../src/core/problem';
import type { AutoencodersConfig } from '../../../src/core/problems/autoencoders/config';
import type { AutoencoderSolution } from '../../../src/core/problems/autoencoders/solution';
import { autoencodersProblem } from '../../../src/core/problems/autoencoders';
import { judgeLocally } from '../support/judgeLocal';
import { createRng } from '../../../src/core/engine/rng';
import { contextOf, files, quickConfig } from './support';
import { reference } from './wrongSolutions';

describe('Q4 grid on a pool: order, PCA once per run, the curve probe', function () {
  this.timeout(120_000);
  before(async () => {
    await useTfBackend();
  });

  it('a pool of several threads takes the longest cells first (ties in grid order); one thread keeps the grid order', () => {
    assert.deepEqual(dispatchOrder([1, 5, 3, 5, 2], 2), [1, 3, 2, 4, 0]);
    assert.deepEqual(dispatchOrder([1, 5, 3, 5, 2], 1), [0, 1, 2, 3, 4]);
    const full = defaultConfig(false);
    const cells = buildGrid(full);
    const dims = {
      synthetic: { dim: 100, train: 14_000, evalRows: 10_000 },
      mnist: { dim: 784, train: 7000, evalRows: 5000 },
    };
    const costs = cells.map((c) => cellCost(full, c, dims[c.dataset as 'synthetic' | 'mnist']));
    const first = cells[dispatchOrder(costs, 2)[0]!]!;
    // 100-256-1000-256-100 for 10 epochs over 14 000 rows: the grid's longest cell (measured too)
    assert.deepEqual([first.dataset, first.activation, first.k], ['synthetic', 'relu', 1000]);
    const cost = (dataset: 'synthetic' | 'mnist', activation: 'linear' | 'relu', k: number) =>
      cellCost(full, { dataset, activation, variant: 'vanilla', k, repeat: 0 }, dims[dataset]);
    assert.ok(
      cost('synthetic', 'relu', 1000) > cost('synthetic', 'relu', 100) &&
        cost('synthetic', 'relu', 100) > cost('synthetic', 'linear', 100),
    );
    // the 784 × 1000 weights twice, 5 epochs, forward and backward over 7 000 rows and 5 000 evaluated rows
    assert.equal(cost('mnist', 'linear', 1000), 2 * 784 * 1000 * 5 * (3 * 7000 + 5000));
  });

  it("the judge dispatches the cells in the run's order over its cell processes (each a request of its own); the run reports them in grid order, with PCA bases only on linear cells", async () => {
    const config = quickConfig({
      ks: [5, 10],
      datasets: ['synthetic'],
      variants: ['vanilla'],
      synthetic: { ...quickConfig().synthetic, n: 1000, epochs: 2 },
    });
    const sent: AeCell[] = [];
    // the child half, recording each cell as it arrives at a child (cloned, as it crosses processes)
    const recording: ProblemChild<AutoencoderSolution, AutoencodersConfig> = {
      ...autoencodersChild,
      runCell(ctx, solution, cell) {
        sent.push(cell as AeCell);
        return autoencodersChild.runCell!(ctx, solution, cell);
      },
    };
    const events = await judgeLocally(
      autoencodersProblem,
      recording as unknown as ProblemChild<unknown, AutoencodersConfig>,
      reference,
      config,
      { files, poolSize: 2 },
    );
    const done = events[events.length - 1]!;
    assert.equal(done.type, 'done', JSON.stringify(done));
    // ReLU (64 hidden) before linear, k = 10 before k = 5
    assert.deepEqual(
      sent.map((c) => `${c.activation} ${c.k}`),
      ['relu 10', 'relu 5', 'linear 10', 'linear 5'],
    );
    assert.deepEqual(
      sent.map((c) => (c.pcaBasis ? [c.pcaBasis.m, c.pcaBasis.dim, c.pcaBasis.values.length] : null)),
      [null, null, [20, 100, 2000], [20, 100, 2000]],
    );
    // two cells at a time: they finish in any order, each artifact naming its place in the grid
    const streamed = events.flatMap((e) =>
      e.type === 'artifact' && e.artifact.kind === 'ae-cell' ? [e.artifact as AeCellArtifact] : [],
    );
    const grid = ['linear 5', 'linear 10', 'relu 5', 'relu 10'];
    assert.deepEqual(streamed.map((a) => a.index).sort(), [0, 1, 2, 3]);
    for (const a of streamed)
      assert.equal(
        `${a.cell.activation} ${a.cell.k}`,
        grid[a.index],
        JSON.stringify([a.index, a.cell.activation, a.cell.k]),
      );
    const run = events.flatMap((e) =>
      e.type === 'artifact' && e.artifact.kind === 'autoencoders' ? [e.artifact as AutoencodersArtifact] : [],
    )[0]!;
    assert.deepEqual(
      run.cells.map((c) => `${c.activation} ${c.k}`),
      grid,
    );
    assert.equal(run.workers, 2);
    const fractions = events.flatMap((e) =>
      e.type === 'progress' && e.message?.startsWith('cell ') ? [e.fraction] : [],
    );
    assert.ok(
      fractions.every((f, i) => i === 0 || f > fractions[i - 1]!) &&
        Math.abs(fractions[fractions.length - 1]! - 0.85) < 1e-9,
      String(fractions),
    );
  });

  it("a linear cell's angles are the same from the run's PCA basis as from its own PCA; another basis gives others; a wrong size throws", async () => {
    const config = quickConfig(); // trained enough to reach PCA's subspace (the run's test: mean angle < 5°)
    const cell: AeCell = { dataset: 'synthetic', activation: 'linear', variant: 'vanilla', k: 5, repeat: 0, seed: 7 };
    const data = await loadData(config, 'synthetic', files);
    const pca = pcaOf(config, data);
    const m = pcaReferenceDim(5, data.dim, data.populationEigenvalues);
    const own = (await autoencodersChild.runCell!(contextOf(config), reference, cell)) as AeCellOutcome;
    const given = (await autoencodersChild.runCell!(contextOf(config), reference, {
      ...cell,
      pcaBasis: pcaBasisOf(pca, m),
    })) as AeCellOutcome;
    assert.ok(own.anglesDeg && own.anglesDeg.length === 5 && Math.max(...own.anglesDeg) < 10, String(own.anglesDeg));
    assert.deepEqual(given.anglesDeg, own.anglesDeg);
    // the bottom 20 components instead of the top 20: the decoder is far from them
    const bottom = { dim: data.dim, m, values: Array.from(pca.components.subarray((data.dim - m) * data.dim)) };
    const other = (await autoencodersChild.runCell!(contextOf(config), reference, {
      ...cell,
      pcaBasis: bottom,
    })) as AeCellOutcome;
    assert.ok(Math.min(...other.anglesDeg!) > 45, String(other.anglesDeg));
    await assert.rejects(
      autoencodersChild.runCell!(contextOf(config), reference, { ...cell, pcaBasis: pcaBasisOf(pca, 5) }),
      /PCA basis is 5 × 100/,
    );
  });

  it('the curve probe continues from the previous probe: 0 epochs returns it, more epochs move it; a probe of another size is refused', () => {
    const rng = createRng(3);
    const n = 200,
      D = 4,
      C = 3;
    const x = Float32Array.from({ length: n * D }, () => rng.normal());
    const labels = Int32Array.from({ length: n }, (_, r) => (x[r * D]! > 0.5 ? 2 : x[r * D]! > -0.5 ? 1 : 0));
    const data: Features = { x, labels, n, dim: D };
    const options = { classes: C, batchSize: 50, learningRate: 1e-2, seed: 5 };
    const first = trainProbe(data, { ...options, epochs: 3 });
    const kept = trainProbe(data, { ...options, epochs: 0, init: first });
    assert.deepEqual([kept.w, kept.b], [first.w, first.b]);
    assert.notEqual(kept.w, first.w); // a copy: the init is not trained in place
    const fresh = trainProbe(data, { ...options, epochs: 0 });
    assert.notDeepEqual(fresh.w, first.w);
    const next = trainProbe(data, { ...options, epochs: 2, init: first });
    assert.notDeepEqual(next.w, first.w);
    assert.throws(
      () => trainProbe({ ...data, dim: 2, x: x.subarray(0, n * 2) }, { ...options, epochs: 1, init: first }),
      /initial probe is 4 × 3/,
    );
  });
});
