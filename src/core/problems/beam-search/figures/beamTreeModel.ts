// The beam tree as data: every hypothesis the search expanded (root = the empty prefix), what
// happened to it (kept, pruned, never expanded), and how it relates to the greedy and exhaustive
// best paths. Pure and deterministic; the SVG renderer and the panel's keyboard navigation use it.
import type { BeamTrace, Hypothesis } from '../trace';
import { detokenize } from '../trace';

export type BeamNodeKind =
  /** The empty prefix every hypothesis grows from. */
  | 'root'
  /** Among the top-k at its step. */
  | 'kept'
  /** Expanded as a candidate, then pruned. */
  | 'pruned'
  /** On the greedy or exhaustive path, but beam search never expanded it. */
  | 'unexpanded'
  /** Stands for a parent's pruned children beyond `maxPrunedPerParent`. */
  | 'collapsed';

export interface BeamNode {
  /** Stable id: the token prefix joined by '.', e.g. "0.1.0"; "root"; "<parent>.more" for a collapsed group. */
  id: string;
  kind: BeamNodeKind;
  tokens: number[];
  /** The last token as text ('' for the root). */
  label: string;
  /** The whole prefix as text. */
  text: string;
  /** Cumulative log-probability; undefined for collapsed groups and unexpanded inner prefixes. */
  score?: number;
  /** Number of tokens = the step at which it was a candidate. */
  depth: number;
  /** 1-based rank among the candidates of its step (expanded nodes only). */
  rank?: number;
  /** How many candidates its step had. */
  ofCandidates?: number;
  /** For collapsed groups: how many candidates they stand for, and their best score. */
  hiddenCount?: number;
  parent?: BeamNode;
  children: BeamNode[];
  onGreedy: boolean;
  onExhaustive: boolean;
  /** Rank among trace.final (1-based), for final beams. */
  finalRank?: number;
}

export interface BeamTreeModel {
  trace: BeamTrace;
  root: BeamNode;
  /** Every node, parents before children, siblings best first. */
  nodes: BeamNode[];
  byId: Map<string, BeamNode>;
  /** The deepest step the trace reached. */
  maxStep: number;
}

export interface BeamTreeModelOptions {
  /** Pruned children of one parent shown individually; the rest fold into one "+n pruned" node. */
  maxPrunedPerParent?: number;
}

export const DEFAULT_MAX_PRUNED_PER_PARENT = 3;

export function beamNodeId(tokens: readonly number[]): string {
  return tokens.length === 0 ? 'root' : tokens.join('.');
}

const isPrefixOf = (prefix: readonly number[], path: readonly number[] | undefined): boolean =>
  path !== undefined && prefix.length <= path.length && prefix.every((t, i) => path[i] === t);

/** Builds the hypothesis tree of a trace (deterministic: the same trace gives the same tree). */
export function buildBeamTree(trace: BeamTrace, options: BeamTreeModelOptions = {}): BeamTreeModel {
  const maxPruned = Math.max(0, Math.floor(options.maxPrunedPerParent ?? DEFAULT_MAX_PRUNED_PER_PARENT));
  const greedy = trace.greedy?.tokens;
  const exhaustive = trace.exhaustive?.tokens;

  // Every candidate by id; a prefix can appear at only one step (its length).
  const info = new Map<string, { hyp: Hypothesis; kept: boolean; rank: number; of: number }>();
  for (const step of trace.steps) {
    const order = step.candidates.map((c, i) => ({ c, i })).sort((a, b) => b.c.score - a.c.score || a.i - b.i);
    order.forEach(({ c }, r) =>
      info.set(beamNodeId(c.tokens), { hyp: c, kept: c.kept, rank: r + 1, of: step.candidates.length }),
    );
  }
  const finalRank = new Map(trace.final.map((h, i) => [beamNodeId(h.tokens), i + 1] as const));

  const makeNode = (tokens: number[], kind: BeamNodeKind, parent: BeamNode | undefined): BeamNode => {
    const id = beamNodeId(tokens);
    const known = info.get(id);
    const pathEnd = (path: Hypothesis | undefined) => (path && beamNodeId(path.tokens) === id ? path.score : undefined);
    return {
      id,
      kind,
      tokens,
      label: tokens.length ? tokenText(trace.vocab, tokens[tokens.length - 1]!) : '',
      text: tokens.length ? detokenize(tokens, trace.vocab) : '',
      score: tokens.length === 0 ? 0 : (known?.hyp.score ?? pathEnd(trace.exhaustive) ?? pathEnd(trace.greedy)),
      depth: tokens.length,
      rank: known?.rank,
      ofCandidates: known?.of,
      parent,
      children: [],
      onGreedy: isPrefixOf(tokens, greedy),
      onExhaustive: isPrefixOf(tokens, exhaustive),
      finalRank: finalRank.get(id),
    };
  };

  const root = makeNode([], 'root', undefined);
  const byId = new Map<string, BeamNode>([[root.id, root]]);

  // Children of each expanded prefix, from the candidates whose prefix it is.
  const childrenOf = new Map<string, { tokens: number[]; kept: boolean; score: number }[]>();
  for (const step of trace.steps) {
    for (const c of step.candidates) {
      const parentId = beamNodeId(c.tokens.slice(0, -1));
      const list = childrenOf.get(parentId) ?? [];
      list.push({ tokens: c.tokens.slice(), kept: c.kept, score: c.score });
      childrenOf.set(parentId, list);
    }
  }

  const grow = (node: BeamNode): void => {
    const kids = (childrenOf.get(node.id) ?? [])
      .slice()
      .sort((a, b) => b.score - a.score || last(a.tokens) - last(b.tokens));
    let prunedShown = 0;
    const folded: typeof kids = [];
    for (const kid of kids) {
      const id = beamNodeId(kid.tokens);
      if (byId.has(id)) continue; // a malformed trace listing a prefix twice
      const onPath = isPrefixOf(kid.tokens, greedy) || isPrefixOf(kid.tokens, exhaustive);
      if (!kid.kept && !onPath && prunedShown >= maxPruned) {
        folded.push(kid);
        continue;
      }
      if (!kid.kept && !onPath) prunedShown++;
      const child = makeNode(kid.tokens, kid.kept ? 'kept' : 'pruned', node);
      node.children.push(child);
      byId.set(child.id, child);
    }
    if (folded.length > 0) {
      const group: BeamNode = {
        id: `${node.id}.more`,
        kind: 'collapsed',
        tokens: node.tokens.slice(),
        label: `+${folded.length} pruned`,
        text: `${folded.length} more pruned candidates`,
        score: folded[0]!.score,
        depth: node.depth + 1,
        hiddenCount: folded.length,
        parent: node,
        children: [],
        onGreedy: false,
        onExhaustive: false,
      };
      node.children.push(group);
      byId.set(group.id, group);
    }
    for (const child of node.children) if (child.kind !== 'collapsed') grow(child);
  };
  grow(root);

  // Greedy/exhaustive prefixes the beam never reached hang below their deepest expanded ancestor.
  for (const path of [trace.greedy, trace.exhaustive]) {
    if (!path) continue;
    let parent = root;
    for (let d = 1; d <= path.tokens.length; d++) {
      const tokens = path.tokens.slice(0, d);
      const existing = byId.get(beamNodeId(tokens));
      if (existing) {
        parent = existing;
        continue;
      }
      const node = makeNode(tokens, 'unexpanded', parent);
      parent.children.push(node);
      byId.set(node.id, node);
      parent = node;
    }
  }

  const nodes: BeamNode[] = [];
  const visit = (n: BeamNode): void => {
    nodes.push(n);
    n.children.forEach(visit);
  };
  visit(root);
  const maxStep = Math.max(
    trace.steps.length ? Math.max(...trace.steps.map((s) => s.t)) : 0,
    ...nodes.map((n) => n.depth),
  );
  return { trace, root, nodes, byId, maxStep };
}

/** The hypotheses kept at step `t` (the beam after step t), best first. */
export function beamAt(model: BeamTreeModel, t: number): BeamNode[] {
  if (t <= 0) return [model.root];
  return model.nodes.filter((n) => n.depth === t && n.kind === 'kept').sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
}

/** Shows a token legibly inside a node: visible whitespace, at most 12 characters. */
export function tokenText(vocab: readonly string[], token: number): string {
  const raw = vocab[token] ?? `<${token}>`;
  const visible = raw === ' ' ? '␣' : raw.replace(/\n/g, '↵').replace(/\t/g, '⇥');
  return visible.length > 12 ? `${visible.slice(0, 11)}…` : visible;
}

/** A log-probability as the panel shows it: two decimals, a true minus sign. */
export function formatScore(score: number | undefined): string {
  if (score === undefined || Number.isNaN(score)) return '–';
  if (score === -Infinity) return '−∞';
  const fixed = Math.abs(score) < 0.005 ? '0.00' : Math.abs(score).toFixed(2);
  return score < 0 && fixed !== '0.00' ? `−${fixed}` : fixed;
}

const last = (tokens: readonly number[]): number => tokens[tokens.length - 1] ?? -1;
