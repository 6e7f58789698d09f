// Where a run's artifacts go, as a table the problems fill: each problem's ui descriptor names the
// artifact kinds its panel takes and those that are beam traces; the router looks the kind up and
// hands the artifact over. Built once, from the catalog and the panel hosts.
import type { Artifact } from '../core/engine/events';
import type { ProblemUi } from '../core/problemUi';
import type { BeamTrace } from '../core/problems/beam-search/trace';
import type { PanelHost, RunToken } from './panelHost';

/** What takes beam traces (the beam tree view). */
export interface TraceSink {
  showTrace(trace: BeamTrace): void;
}

type Deliver = (artifact: Artifact, run: RunToken) => void;

export class ArtifactRouter {
  private readonly routes = new Map<Artifact['kind'], Deliver>();

  constructor(uis: readonly ProblemUi[], panels: readonly PanelHost<unknown>[], traces: TraceSink) {
    for (const ui of uis) {
      for (const [kind, toTrace] of Object.entries(ui.traceKinds ?? {}) as [
        Artifact['kind'],
        (a: Artifact) => BeamTrace,
      ][]) {
        this.add(kind, (artifact) => traces.showTrace(toTrace(artifact)));
      }
    }
    for (const panel of panels) {
      for (const kind of Object.keys(panel.ui.artifacts) as Artifact['kind'][])
        this.add(kind, (artifact, run) => panel.artifact(artifact, run));
    }
  }

  private add(kind: Artifact['kind'], deliver: Deliver): void {
    if (this.routes.has(kind)) throw new Error(`Two views take '${kind}' artifacts.`);
    this.routes.set(kind, deliver);
  }

  /** Hands `artifact` of `run` to the view that takes its kind (artifacts no view takes, such as tables, stay in the output and the report). */
  route(artifact: Artifact, run: RunToken): void {
    this.routes.get(artifact.kind)?.(artifact, run);
  }
}
