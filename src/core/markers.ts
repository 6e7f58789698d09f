// One parser for the TODO markers in students' files: `// TODO(hw6:q1.train) …`.
// CodeLens, decorations, diagnostics and the CLI's `check` all locate markers with it.

export interface MarkerHit {
  id: string;
  /** 0-based line and the marker's column range, for editor APIs. */
  line: number;
  start: number;
  end: number;
}

const MARKER = /TODO\(hw6:([a-z0-9][a-z0-9.-]*)\)/g;

export function findMarkers(text: string): MarkerHit[] {
  const hits: MarkerHit[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((lineText, line) => {
    for (const m of lineText.matchAll(MARKER)) {
      hits.push({ id: m[1]!, line, start: m.index!, end: m.index! + m[0].length });
    }
  });
  return hits;
}

export function markerLine(text: string, id: string): number | undefined {
  return findMarkers(text).find((m) => m.id === id)?.line;
}

/**
 * 0-based line where one of `names` is declared (`export function gcnBackward(`, `export const
 * gcnBackward =`, …): where a finding goes when the student deleted its TODO marker.
 */
export function declarationLine(text: string, names: readonly string[]): number | undefined {
  if (names.length === 0) return undefined;
  const alternatives = names.map((n) => n.replace(/[$]/g, '\\$')).join('|');
  const declaration = new RegExp(
    `^\\s*(?:export\\s+)?(?:(?:async\\s+)?function\\s*\\*?\\s*|(?:const|let|var)\\s+)(?:${alternatives})\\b`,
  );
  const lines = text.split(/\r?\n/);
  const line = lines.findIndex((l) => declaration.test(l));
  return line >= 0 ? line : undefined;
}
