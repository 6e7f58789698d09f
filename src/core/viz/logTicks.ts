// Ticks of a log axis and their labels, shared by the figures with log scales.
import { scaleLinear, scaleLog } from 'd3';

/**
 * Ticks of a log axis over [min, max]: the powers of ten when the range spans at least one,
 * else d3's ticks thinned to 1-2-5. Both ends positive.
 */
export function logTicks(min: number, max: number): number[] {
  const decades: number[] = [];
  for (let e = Math.ceil(Math.log10(min) - 1e-9); e <= Math.floor(Math.log10(max) + 1e-9); e++)
    decades.push(Number(`1e${e}`));
  if (decades.length >= 2) return decades;
  // Less than two decades: d3's ticks, thinned to mantissas 1, 2 and 5 so labels do not crowd.
  const all = scaleLog()
    .domain([min, max])
    .ticks()
    .filter((t) => t >= min && t <= max);
  const thinned = all.filter((t) =>
    [1, 2, 5].includes(Math.round(t / Number(`1e${Math.floor(Math.log10(t) + 1e-9)}`))),
  );
  // A narrow range (less than one 1-2-5 step): a few evenly spaced values read best.
  return thinned.length >= 2 ? thinned : scaleLinear().domain([min, max]).ticks(3);
}

/** 0.001 → "10⁻³" style is hard to read at a glance in the panel; plain decimals up to 1e-4. */
export function formatLogTick(v: number): string {
  if (v >= 1e-4 && v < 1e5) return String(Number(v.toPrecision(6)));
  return v.toExponential(0).replace('e', 'e');
}
