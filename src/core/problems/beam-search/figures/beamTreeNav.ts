// Keyboard navigation over a beam tree, as a pure function so it is tested without a browser.
// Left/Right walk parent/child, Up/Down walk the same step's column (siblings, then cousins),
// Home/End jump to the root and to the best hypothesis of the current beam. Nodes after the shown
// step are skipped: they are ghosted.
import { beamAt, type BeamNode, type BeamTreeModel } from './beamTreeModel';

export type NavKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';

export const NAV_KEYS: ReadonlySet<string> = new Set<NavKey>([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
]);

/** The id focus moves to from `fromId` on `key` at `step`; the same id when there is nowhere to go. */
export function navigateBeamTree(model: BeamTreeModel, fromId: string, key: NavKey, step: number): string {
  const from = model.byId.get(fromId) ?? model.root;
  const visible = (n: BeamNode) => n.depth <= step;
  switch (key) {
    case 'ArrowLeft':
      return from.parent?.id ?? from.id;
    case 'ArrowRight': {
      // The best kept child first: that is where the search went on.
      const kids = from.children.filter(visible);
      return (kids.find((c) => c.kind === 'kept') ?? kids[0] ?? from).id;
    }
    case 'ArrowUp':
    case 'ArrowDown': {
      const column = model.nodes.filter((n) => n.depth === from.depth);
      const i = column.indexOf(from);
      const next = column[key === 'ArrowUp' ? i - 1 : i + 1];
      return (next ?? from).id;
    }
    case 'Home':
      return model.root.id;
    case 'End':
      return (beamAt(model, Math.min(step, model.maxStep))[0] ?? from).id;
  }
}
