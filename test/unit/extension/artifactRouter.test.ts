import assert from 'node:assert/strict';
import type { Artifact } from '../../../src/core/engine/events';
import { problemUis } from '../../../src/core/problems/uis';
import { ArtifactRouter, type ItemSink } from '../../../src/extension/artifactRouter';
import type { PanelHost } from '../../../src/extension/panelHost';
import type { BeamTrace } from '../../../src/core/problems/beam-search/trace';

/** A panel host that only records what reached it. */
function recordingPanel(problemId: string): PanelHost<unknown> & { got: Artifact['kind'][] } {
  const ui = problemUis.find((u) => u.problemId === problemId)!.panel!;
  const got: Artifact['kind'][] = [];
  return { problemId, ui, got, artifact: (a: Artifact) => got.push(a.kind) } as unknown as PanelHost<unknown> & {
    got: Artifact['kind'][];
  };
}

/** A side view host that only records the items that reached it. */
function recordingSideView(problemId: string): ItemSink & { got: unknown[] } {
  const got: unknown[] = [];
  return { ui: problemUis.find((u) => u.problemId === problemId)!.sideView!, got, showItem: (i) => got.push(i) };
}

describe('artifact routing table', () => {
  const panels = problemUis.filter((u) => u.panel).map((u) => recordingPanel(u.problemId));
  const beamView = recordingSideView('beam-search');
  const router = new ArtifactRouter(panels, [beamView]);
  const run = {};

  it('hands each panel the kinds its problem names, and beam traces to the beam view as its items', () => {
    for (const panel of panels) {
      for (const kind of Object.keys(panel.ui.artifacts) as Artifact['kind'][]) router.route({ kind } as Artifact, run);
      assert.deepEqual(panel.got, Object.keys(panel.ui.artifacts), panel.problemId);
    }
    const trace = { title: 't', steps: [] } as unknown as BeamTrace;
    router.route({ kind: 'beam-trace', trace } as Artifact, run);
    assert.deepEqual(beamView.got, [trace]);
  });

  it('every panel artifact kind has one panel; tables go to no view', () => {
    const before = panels.map((p) => p.got.length);
    router.route({ kind: 'table', title: 'x' } as Artifact, run);
    assert.deepEqual(
      panels.map((p) => p.got.length),
      before,
    );
    assert.throws(
      () => new ArtifactRouter([], [recordingSideView('beam-search'), recordingSideView('beam-search')]),
      /Two views take 'beam-trace'/,
    );
  });
});
