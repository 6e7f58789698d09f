// The checks every artifact validator is built from: JSON values as they arrive from a run.

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
export const isNum = (v: unknown): boolean => typeof v === 'number' || v === null; // NaN/Infinity arrive as null in JSON
export const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every(isNum);
/** Sizes, counts and axis positions must be real positive numbers: a null there cannot be drawn. */
export const isPositive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
export const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
export const isOptional = (v: unknown, check: (x: unknown) => boolean): boolean => v === undefined || check(v);
