// A force-directed layout of the karate club for the panel, the export and the report: d3-force run
// to convergence in one go (no animation), from seeded initial positions, so the same graph always
// gets the same picture (d3-force's own jiggle uses a fixed-seed generator).
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3';
import { createRng } from '../../../engine/rng';

export interface LayoutPoint {
  x: number;
  y: number;
}

export interface ForceLayoutOptions {
  /** The drawing area the positions are fitted into (with `margin` inside it). */
  width: number;
  height: number;
  margin?: number;
  seed?: number;
}

/** Positions for nodes 0…nodeCount−1 of an edge list [u, v, weight], fitted into the area. */
export function forceLayout(
  nodeCount: number,
  edges: readonly (readonly [number, number, number])[],
  o: ForceLayoutOptions,
): LayoutPoint[] {
  const rng = createRng(o.seed ?? 7);
  // Seeded start on a jittered circle: d3's default phyllotaxis start is deterministic too, but
  // a random-ish circle untangles the two factions better.
  const nodes: (SimulationNodeDatum & { index: number })[] = Array.from({ length: nodeCount }, (_, index) => {
    const angle = (2 * Math.PI * index) / nodeCount + (rng.next() - 0.5) * 0.5;
    const r = 100 + rng.next() * 40;
    return { index, x: r * Math.cos(angle), y: r * Math.sin(angle) };
  });
  const links = edges.map(([source, target, weight]) => ({ source, target, weight }));
  const maxWeight = Math.max(1, ...edges.map((e) => e[2]));
  const simulation = forceSimulation(nodes)
    .force(
      'link',
      forceLink<(typeof nodes)[number], (typeof links)[number]>(links)
        .distance(36)
        .strength((l) => 0.25 + 0.5 * (l.weight / maxWeight)),
    )
    .force('charge', forceManyBody().strength(-140))
    .force('collide', forceCollide(14))
    .force('x', forceX(0).strength(0.06))
    .force('y', forceY(0).strength(0.09))
    .stop();
  // Ticks until alpha reaches alphaMin (d3's own schedule: ≈ 300).
  const ticks = Math.ceil(Math.log(simulation.alphaMin()) / Math.log(1 - simulation.alphaDecay()));
  simulation.tick(ticks);
  return fitPoints(
    nodes.map((n) => ({ x: n.x ?? 0, y: n.y ?? 0 })),
    o.width,
    o.height,
    o.margin ?? 20,
  );
}

/** Scales and centres points into [margin, width − margin] × [margin, height − margin], keeping the aspect. */
export function fitPoints(
  points: readonly LayoutPoint[],
  width: number,
  height: number,
  margin: number,
): LayoutPoint[] {
  if (points.length === 0) return [];
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min(
    (width - 2 * margin) / Math.max(x1 - x0, 1e-9),
    (height - 2 * margin) / Math.max(y1 - y0, 1e-9),
  );
  const dx = (width - (x1 - x0) * scale) / 2;
  const dy = (height - (y1 - y0) * scale) / 2;
  return points.map((p) => ({ x: round2(dx + (p.x - x0) * scale), y: round2(dy + (p.y - y0) * scale) }));
}

const round2 = (v: number): number => Math.round(v * 100) / 100;
