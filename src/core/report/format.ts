// Values as report text, shared by the generic blocks and each problem's report blocks.
import type { Block } from './types';

export function formatValue(value: unknown): string {
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : Number(value.toPrecision(6)).toString();
  return String(value);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A table block whose cells are plain text (the renderers escape them). */
export function textTable(columns: readonly string[], rows: readonly (readonly string[])[]): Block {
  return { kind: 'table', columns, rows };
}
