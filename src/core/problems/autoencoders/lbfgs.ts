// L-BFGS (limited-memory quasi-Newton, Nocedal & Wright, Algorithm 7.4/7.5) with a backtracking
// Armijo line search, in float64: enough for the smooth, convex objectives the lab minimises to
// convergence (convergedProbe.ts), where "converged" is a gradient check anyone can repeat.

export interface LbfgsOptions {
  /** Pairs (s, y) kept. */
  memory?: number;
  maxIterations?: number;
  /** Converged when max |∂f/∂xᵢ| ≤ gradTol. */
  gradTol?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  /** max |∂f/∂xᵢ| at x. */
  gradMax: number;
  iterations: number;
  converged: boolean;
}

/** `objective(x, grad)` returns f(x) and writes ∇f(x) into grad. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};
const maxAbs = (a: Float64Array): number => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

export function minimizeLbfgs(objective: Objective, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const memory = options.memory ?? 10,
    maxIterations = options.maxIterations ?? 1000,
    gradTol = options.gradTol ?? 1e-6;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = objective(x, g);
  const history: { s: Float64Array; y: Float64Array; rho: number }[] = [];
  const direction = new Float64Array(n);
  const alpha = new Float64Array(memory);
  let iterations = 0;
  while (iterations < maxIterations && maxAbs(g) > gradTol) {
    // two-loop recursion: direction = −H·g
    direction.set(g);
    for (let i = history.length - 1; i >= 0; i--) {
      const { s, y, rho } = history[i]!;
      alpha[i] = rho * dot(s, direction);
      for (let j = 0; j < n; j++) direction[j] -= alpha[i]! * y[j]!;
    }
    const last = history[history.length - 1];
    const gamma = last ? dot(last.s, last.y) / dot(last.y, last.y) : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    for (let j = 0; j < n; j++) direction[j] *= gamma;
    for (let i = 0; i < history.length; i++) {
      const { s, y, rho } = history[i]!;
      const beta = rho * dot(y, direction);
      for (let j = 0; j < n; j++) direction[j] += s[j]! * (alpha[i]! - beta);
    }
    for (let j = 0; j < n; j++) direction[j] = -direction[j]!;
    let slope = dot(g, direction);
    if (!(slope < 0)) {
      // not a descent direction (a poor curvature pair): restart from steepest descent
      history.length = 0;
      for (let j = 0; j < n; j++) direction[j] = -g[j]! / Math.max(1, Math.sqrt(dot(g, g)));
      slope = dot(g, direction);
    }
    // backtracking Armijo: f(x + t·d) ≤ f(x) + 1e-4·t·slope
    let step = 1;
    const next = new Float64Array(n),
      gNext = new Float64Array(n);
    let fNext = Infinity;
    for (let tries = 0; tries < 60; tries++) {
      for (let j = 0; j < n; j++) next[j] = x[j]! + step * direction[j]!;
      fNext = objective(next, gNext);
      if (fNext <= f + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(fNext <= f)) break; // no progress along the direction: as far as float64 goes
    const s = new Float64Array(n),
      y = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      s[j] = next[j]! - x[j]!;
      y[j] = gNext[j]! - g[j]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      history.push({ s, y, rho: 1 / sy });
      if (history.length > memory) history.shift();
    }
    x = next;
    g = gNext;
    f = fNext;
    iterations++;
  }
  const gradMax = maxAbs(g);
  return { x, value: f, gradMax, iterations, converged: gradMax <= gradTol };
}
