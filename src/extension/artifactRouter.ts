// Where a run's artifacts go, as a table the problems fill: each problem's ui descriptor names the
// artifact kinds its panel takes and those that become items of its side view; the router looks the
// kind up and hands the artifact over. Built once, from the panel and side view hosts.
import type { Artifact } from '../core/engine/events';
import type { SideViewUi } from '../core/sideViewUi';
import type { PanelHost } from './panelHost';
import type { RunToken } from './runFollower';

/** What takes items made of artifacts (a side view host); `run` made the item. */
export interface ItemSink<Item = unknown> {
  readonly ui: Pick<SideViewUi<Item>, 'itemKinds'>;
  showItem(item: Item, run?: RunToken): void;
}

type Deliver = (artifact: Artifact, run: RunToken) => void;

export class ArtifactRouter {
  private readonly routes = new Map<Artifact['kind'], Deliver>();

  constructor(panels: readonly PanelHost<unknown>[], sideViews: readonly ItemSink[]) {
    for (const view of sideViews) {
      for (const [kind, toItem] of Object.entries(view.ui.itemKinds) as [Artifact['kind'], (a: Artifact) => unknown][])
        this.add(kind, (artifact, run) => view.showItem(toItem(artifact), run));
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
