// Seeded randomness: every experiment is reproducible from its seed.
// mulberry32 is small, fast and good enough for sampling; not for cryptography.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** A child generator with its own stream, e.g. one per repeat. */
  fork(salt: number): Rng;
  readonly seed: number;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  let spare: number | undefined;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    seed,
    next,
    int: (n) => Math.floor(next() * n),
    normal() {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    fork: (salt) => createRng((Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + salt * 0xc2b2ae35) >>> 0),
  };
}

/** `count` normal draws N(mu, 1) of `rng` as float32 (what a tensor of them holds). */
export function float32Normals(count: number, mu: number, rng: Rng): Float32Array {
  // a plain loop: millions of draws per check, where Array.from-style mapping is several times slower
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = mu + rng.normal();
  return out;
}
