// The contract between the zkc problem and the panel: the artifact a real run emits (reference
// solution, quick config) passes the panel's validation, crosses the protocol, and draws.
import assert from 'node:assert/strict';
import { useTfBackend } from '../support/tf';
import { resolveConfig } from '../../../src/core/engine/config';
import { judgeLocally } from '../support/judgeLocal';
import { labProblem } from '../support/labProblems';
import { parseToWebview } from '../../../src/core/protocol';
import { isZkcRunArtifact } from '../../../src/core/problems/zkc/artifactValidate';
import { renderZkcEmbeddingSvg, renderZkcGraphSvg } from '../../../src/core/problems/zkc/figures/zkcGraph';
import { renderZkcLossSvg } from '../../../src/core/problems/zkc/figures/zkcCurves';
import { zkcSeriesCsv } from '../../../src/core/problems/zkc/figures/zkcCsv';

describe('ZKC panel ← the zkc problem’s artifact', function () {
  this.timeout(120_000);

  it('validates, crosses the protocol as JSON, and draws', async () => {
    await useTfBackend();
    const { problem, child, reference } = labProblem('zkc');
    const events = await judgeLocally(problem, child, reference, resolveConfig(problem, { quick: true }), {
      checksOnly: false,
    });
    const artifacts = events.flatMap((e) =>
      e.type === 'artifact' && e.artifact.kind === 'zkc-run' ? [e.artifact] : [],
    );
    assert.equal(artifacts.length, 1);
    const run = JSON.parse(JSON.stringify(artifacts[0]));
    assert.equal(isZkcRunArtifact(run), true);
    assert.equal(parseToWebview({ type: 'artifact', artifact: run })?.type, 'artifact');
    assert.equal(renderZkcGraphSvg(run.graph).match(/<circle class="dot"/g)?.length, 34);
    for (const s of run.series) {
      assert.match(renderZkcLossSvg(s), /<path class="curve train" d="M/);
      assert.equal(renderZkcEmbeddingSvg(run.graph, s.embeddings.at(-1)).match(/<circle class="dot"/g)?.length, 34);
    }
    assert.equal(
      zkcSeriesCsv(run).trimEnd().split('\n').length,
      1 + run.series.reduce((n: number, s: { epochs: unknown[] }) => n + s.epochs.length, 0),
    );
  });
});
