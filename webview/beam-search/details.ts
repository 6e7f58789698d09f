// The details area: everything known about the focused hypothesis, in words and numbers.
import type { BeamNode, BeamTreeModel } from '../../src/core/problems/beam-search/figures/beamTreeModel';
import { formatScore, tokenText } from '../../src/core/problems/beam-search/figures/beamTreeModel';
import { h } from '../shared/dom';

export function renderDetails(target: HTMLElement, model: BeamTreeModel, node: BeamNode, step: number): void {
  const { trace } = model;
  const rows: [string, string][] = [];
  if (node.kind === 'collapsed') {
    rows.push(['Prefix', node.parent?.text || '(start)']);
    rows.push(['Candidates', `${node.hiddenCount} more pruned, not drawn individually`]);
    rows.push(['Best of them', formatScore(node.score)]);
  } else {
    rows.push(['Sequence', node.text || '(start: the empty prefix)']);
    rows.push(['Cumulative log-prob', formatScore(node.score)]);
    rows.push(['Step', node.depth === 0 ? 't = 0' : `t = ${node.depth}`]);
    rows.push(['Status', statusText(node)]);
    if (node.rank !== undefined) rows.push(['Rank at its step', `${node.rank} of ${node.ofCandidates} candidates`]);
    if (node.finalRank !== undefined) rows.push(['Final beams', `#${node.finalRank} of ${trace.final.length}`]);
    const paths = [node.onGreedy && 'greedy', node.onExhaustive && 'exhaustive best'].filter(Boolean);
    if (paths.length) rows.push(['On the path', paths.join(' and ')]);
    if (node.depth > step) rows.push(['Note', `not reached at the shown step t = ${step}`]);
  }

  const dl = h('dl', { class: 'details-grid' });
  for (const [term, value] of rows) dl.append(h('dt', { text: term }), h('dd', { text: value }));
  const children: Node[] = [
    h('h3', {
      class: 'details-title',
      text: node.kind === 'root' ? 'Start' : node.kind === 'collapsed' ? node.label : `“${node.text}”`,
    }),
    dl,
  ];

  // log p(token | prefix) along the path: how the cumulative score was built.
  const path: BeamNode[] = [];
  for (let n: BeamNode | undefined = node; n && n.kind !== 'root'; n = n.parent) path.unshift(n);
  if (node.kind !== 'collapsed' && path.length > 0 && path.every((n) => n.score !== undefined)) {
    const table = h('table', {
      class: 'path-table',
      attrs: { 'aria-label': 'Log-probability of each token given its prefix' },
    });
    table.append(
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { text: 't' }),
          h('th', { text: 'token' }),
          h('th', { text: 'log p(token | prefix)' }),
          h('th', { text: 'cumulative' }),
        ),
      ),
    );
    const body = h('tbody');
    let previous = 0;
    for (const n of path) {
      body.append(
        h(
          'tr',
          {},
          h('td', { text: String(n.depth) }),
          h('td', { class: 'mono', text: tokenText(trace.vocab, n.tokens[n.tokens.length - 1]!) }),
          h('td', { class: 'num', text: formatScore(n.score! - previous) }),
          h('td', { class: 'num', text: formatScore(n.score) }),
        ),
      );
      previous = n.score!;
    }
    table.append(body);
    children.push(table);
  }
  target.replaceChildren(...children);
}

export function statusText(node: BeamNode): string {
  switch (node.kind) {
    case 'root':
      return 'where every hypothesis starts';
    case 'kept':
      return 'kept (in the top k of its step)';
    case 'pruned':
      return 'pruned (outside the top k of its step)';
    case 'unexpanded':
      return 'never expanded: beam search pruned a prefix of it';
    case 'collapsed':
      return 'pruned';
  }
}
