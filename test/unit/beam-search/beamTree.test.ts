import assert from 'node:assert/strict';
import { renderBeamTreeSvg, describeNode } from '../../../src/core/problems/beam-search/figures/beamTree';
import {
  beamAt,
  buildBeamTree,
  formatScore,
  tokenText,
} from '../../../src/core/problems/beam-search/figures/beamTreeModel';
import { navigateBeamTree } from '../../../src/core/problems/beam-search/figures/beamTreeNav';
import { runBeamSearch } from '../../../src/core/problems/beam-search/reference';
import { randomTreeStep } from '../../../src/core/problems/beam-search/randomTree';
import { detokenize, type BeamTrace } from '../../../src/core/problems/beam-search/trace';
import { figure2ReferenceTrace } from '../../../src/core/problems/beam-search/figure2Trace';

/** Elements of one kind in the SVG, as attribute maps (enough structure for these tests). */
function nodes(svg: string): Record<string, string>[] {
  return [...svg.matchAll(/<g ([^>]*role="treeitem"[^>]*)>/g)].map((m) =>
    Object.fromEntries([...m[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])),
  );
}
const withClass = (svg: string, cls: string) =>
  nodes(svg)
    .filter((n) => n.class!.split(' ').includes(cls))
    .map((n) => n['data-id'])
    .sort();

function randomTrace(M: number, k: number, T: number, seed = 7): BeamTrace {
  const step = randomTreeStep({ seed, M });
  const r = runBeamSearch(step, k, T, { recordTrace: true });
  return {
    title: 'random',
    source: 'seeded random tree',
    vocab: Array.from({ length: M }, (_, i) => `w${i}`),
    k,
    T,
    steps: r.trace,
    final: r.beams,
  };
}

describe('beam tree model (Figure 2)', () => {
  const model = buildBeamTree(figure2ReferenceTrace());
  const words = (id: string) => detokenize(model.byId.get(id)!.tokens, model.trace.vocab);

  it('has the root, the 10 expanded candidates and the exhaustive best the beam never expanded', () => {
    assert.equal(model.nodes.length, 12);
    assert.equal(model.nodes.filter((n) => n.kind === 'kept' || n.kind === 'pruned').length, 2 + 4 + 4);
    assert.deepEqual(
      model.nodes.filter((n) => n.kind === 'unexpanded').map((n) => words(n.id)),
      ['neural network network'],
    );
    assert.equal(model.maxStep, 3);
  });

  it('keeps the beams of the homework Q5 (a)–(c) at each step, best first', () => {
    const beam = (t: number) => beamAt(model, t).map((n) => `${n.text} ${formatScore(n.score)}`);
    assert.deepEqual(beam(1), ['neural −0.51', 'network −0.92']);
    assert.deepEqual(beam(2), ['neural neural −1.11', 'network neural −1.21']);
    assert.deepEqual(beam(3), ['network neural neural −1.57', 'neural neural neural −1.62']);
    assert.deepEqual(beamAt(model, 0), [model.root]);
  });

  it('marks the greedy and exhaustive paths and ranks candidates within their step', () => {
    assert.deepEqual(
      model.nodes.filter((n) => n.onGreedy).map((n) => n.id),
      ['root', '0', '0.0', '0.0.0'],
    );
    assert.deepEqual(
      model.nodes.filter((n) => n.onExhaustive).map((n) => n.id),
      ['root', '0', '0.1', '0.1.1'],
    );
    const pruned = model.byId.get('0.1')!; // neural network, −1.31: third of four at t = 2 (5d)
    assert.equal(pruned.kind, 'pruned');
    assert.equal(pruned.rank, 3);
    assert.equal(pruned.ofCandidates, 4);
    assert.equal(model.byId.get('0.1.1')!.score, -1.36);
    assert.equal(model.byId.get('1.0.0')!.finalRank, 1);
  });
});

describe('renderBeamTreeSvg', () => {
  const trace = figure2ReferenceTrace();

  it('is deterministic and gives every node a stable id, a role, a label and a tabindex', () => {
    const svg = renderBeamTreeSvg(trace);
    assert.equal(svg, renderBeamTreeSvg(figure2ReferenceTrace()));
    const all = nodes(svg);
    assert.equal(all.length, 12);
    assert.deepEqual(all.map((n) => n['data-id']).sort(), [
      '0',
      '0.0',
      '0.0.0',
      '0.0.1',
      '0.1',
      '0.1.1',
      '1',
      '1.0',
      '1.0.0',
      '1.0.1',
      '1.1',
      'root',
    ]);
    for (const n of all) {
      assert.equal(n.id, `beam-${n['data-id']}`);
      assert.ok(n['aria-label']!.length > 10);
      assert.ok(n.tabindex === '0' || n.tabindex === '-1');
    }
    assert.deepEqual(
      all.filter((n) => n.tabindex === '0').map((n) => n['data-id']),
      ['root'],
    );
  });

  it('highlights the beam of the chosen step and ghosts later nodes', () => {
    const at2 = renderBeamTreeSvg(trace, { step: 2 });
    assert.deepEqual(withClass(at2, 'beam'), ['0.0', '1.0']);
    assert.deepEqual(withClass(at2, 'future'), ['0.0.0', '0.0.1', '0.1.1', '1.0.0', '1.0.1']);
    assert.deepEqual(withClass(at2, 'pruned'), ['0.0.1', '0.1', '1.0.1', '1.1']);
    assert.match(at2, /data-step="2"/);
    const at3 = renderBeamTreeSvg(trace);
    assert.deepEqual(withClass(at3, 'beam'), ['0.0.0', '1.0.0']);
    assert.deepEqual(withClass(at3, 'future'), []);
    // Out-of-range steps are clamped, not drawn blank.
    assert.deepEqual(withClass(renderBeamTreeSvg(trace, { step: 99 }), 'beam'), ['0.0.0', '1.0.0']);
    assert.deepEqual(withClass(renderBeamTreeSvg(trace, { step: -4 }), 'beam'), ['root']);
  });

  it('draws the greedy and exhaustive overlays only when asked, up to the shown step', () => {
    const overlays = (svg: string) =>
      [...svg.matchAll(/<path class="overlay (greedy|exhaustive)( future)?" data-path/g)].map(
        (m) => m[1]! + (m[2] ?? ''),
      );
    assert.deepEqual(overlays(renderBeamTreeSvg(trace)), ['greedy', 'exhaustive']);
    assert.deepEqual(overlays(renderBeamTreeSvg(trace, { showGreedy: false })), ['exhaustive']);
    assert.deepEqual(overlays(renderBeamTreeSvg(trace, { showGreedy: false, showExhaustive: false })), []);
    assert.deepEqual(overlays(renderBeamTreeSvg(trace, { step: 1 })), [
      'greedy',
      'greedy future',
      'exhaustive',
      'exhaustive future',
    ]);
    // The greedy overlay runs through three edges: root → neural → neural neural → neural neural neural.
    const greedy = /<path class="overlay greedy" data-path="greedy" d="([^"]*)"/.exec(renderBeamTreeSvg(trace))![1]!;
    assert.equal(greedy.match(/M/g)!.length, 3);
  });

  it('embeds light styles when standalone and none for a panel under a strict CSP', () => {
    assert.match(renderBeamTreeSvg(trace), /<style>[\s\S]*--bt-kept: #[0-9a-f]{6}[\s\S]*<\/style>/);
    const panel = renderBeamTreeSvg(trace, { standalone: false });
    assert.doesNotMatch(panel, /<style|style="/);
  });

  it('puts the focus ring and tabindex 0 on the focused node only', () => {
    const svg = renderBeamTreeSvg(trace, { focusedId: '0.1' });
    assert.deepEqual(withClass(svg, 'focused'), ['0.1']);
    assert.deepEqual(
      nodes(svg)
        .filter((n) => n.tabindex === '0')
        .map((n) => n['data-id']),
      ['0.1'],
    );
    assert.deepEqual(withClass(renderBeamTreeSvg(trace), 'focused'), []);
  });

  it('escapes token text', () => {
    const svg = renderBeamTreeSvg({ ...trace, vocab: ['<script>', '"&"'], title: 'a <b> & "c"' });
    assert.doesNotMatch(svg, /<script>/);
    assert.match(svg, /&lt;script&gt;/);
    assert.match(svg, /&quot;&amp;&quot;/);
  });

  it('folds a parent\'s pruned children beyond the limit into one "+n pruned" node', () => {
    const big = randomTrace(12, 3, 4);
    const model = buildBeamTree(big, { maxPrunedPerParent: 2 });
    for (const parent of model.nodes.filter((n) => n.kind === 'root' || n.kind === 'kept')) {
      const expanded = big.steps
        .flatMap((s) => s.candidates)
        .filter(
          (c) => c.tokens.length === parent.depth + 1 && c.tokens.slice(0, -1).join('.') === parent.tokens.join('.'),
        );
      if (expanded.length === 0) continue; // the final beams are not expanded
      const kept = expanded.filter((c) => c.kept).length;
      const shownPruned = parent.children.filter((c) => c.kind === 'pruned').length;
      const folded = parent.children.find((c) => c.kind === 'collapsed');
      assert.equal(shownPruned, Math.min(2, expanded.length - kept));
      assert.equal(
        kept + shownPruned + (folded?.hiddenCount ?? 0),
        12,
        `every candidate of ${parent.id} is drawn or counted`,
      );
      // The drawn pruned children are the best pruned ones.
      const bestPruned = expanded
        .filter((c) => !c.kept)
        .sort((a, b) => b.score - a.score)
        .slice(0, 2)
        .map((c) => c.tokens.join('.'));
      assert.deepEqual(
        parent.children.filter((c) => c.kind === 'pruned').map((c) => c.id),
        bestPruned,
      );
      assert.equal(folded?.label, `+${12 - kept - 2} pruned`);
    }
    const svg = renderBeamTreeSvg(big, { maxPrunedPerParent: 2 });
    assert.ok(withClass(svg, 'collapsed').length > 0);
    assert.equal(nodes(svg).length, model.nodes.length);
  });

  it('spreads columns to the available width within bounds', () => {
    const width = (svg: string) => Number(/width="(\d+)"/.exec(svg)![1]);
    assert.ok(width(renderBeamTreeSvg(trace, { width: 900 })) > width(renderBeamTreeSvg(trace, { width: 300 })));
    assert.ok(width(renderBeamTreeSvg(trace, { width: 5000 })) < 1200, 'columns stop growing');
  });

  it('describes nodes in words for screen readers', () => {
    const model = buildBeamTree(trace);
    assert.equal(
      describeNode(model.byId.get('0.1')!, 3),
      '"neural network", log-prob −1.31, step 2, pruned, rank 3 of 4, on the exhaustive best path',
    );
    assert.match(describeNode(model.byId.get('0.1.1')!, 2), /never expanded by beam search.*not reached yet/);
  });
});

describe('beam tree helpers', () => {
  it('formats scores with a true minus sign', () => {
    assert.equal(formatScore(-1.5699999), '−1.57');
    assert.equal(formatScore(0), '0.00');
    assert.equal(formatScore(-0.001), '0.00');
    assert.equal(formatScore(undefined), '–');
    assert.equal(formatScore(-Infinity), '−∞');
  });

  it('shows whitespace tokens visibly and shortens long ones', () => {
    assert.equal(tokenText([' ', '\n', 'abcdefghijklmnop'], 0), '␣');
    assert.equal(tokenText([' ', '\n', 'abcdefghijklmnop'], 1), '↵');
    assert.equal(tokenText([' ', '\n', 'abcdefghijklmnop'], 2), 'abcdefghijk…');
    assert.equal(tokenText([], 5), '<5>');
  });
});

describe('beam tree keyboard navigation', () => {
  const model = buildBeamTree(figure2ReferenceTrace());
  const go = (from: string, key: Parameters<typeof navigateBeamTree>[2], step = 3) =>
    navigateBeamTree(model, from, key, step);

  it('walks parent, best kept child, and the column above and below', () => {
    assert.equal(go('root', 'ArrowRight'), '0');
    assert.equal(go('0', 'ArrowRight'), '0.0');
    assert.equal(go('0.0', 'ArrowLeft'), '0');
    assert.equal(go('0', 'ArrowDown'), '1');
    assert.equal(go('1', 'ArrowDown'), '1', 'stays at the bottom');
    assert.equal(go('0.1', 'ArrowDown'), '1.0', 'crosses to a cousin');
    assert.equal(go('root', 'ArrowLeft'), 'root');
    assert.equal(go('0.0.1', 'ArrowRight'), '0.0.1', 'a leaf has no child');
  });

  it('jumps Home to the root and End to the best of the shown beam, never into ghosted steps', () => {
    assert.equal(go('0.1', 'Home'), 'root');
    assert.equal(go('root', 'End'), '1.0.0');
    assert.equal(go('root', 'End', 2), '0.0');
    assert.equal(go('0.0', 'ArrowRight', 2), '0.0', 'step 3 is ghosted at step 2');
  });
});
