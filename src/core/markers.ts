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
