// Is a value a ZKC run (or the judge's gradient check of one) the panel can draw? The webview checks every artifact it receives (and what
// it restores from setState) with this before touching it: a malformed one is ignored, not drawn.
import type { ZkcGradCheckArtifact, ZkcGradCheckRow, ZkcRunArtifact } from './artifact';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumbers = (v: unknown, length?: number): v is number[] =>
  Array.isArray(v) && (length === undefined || v.length === length) && v.every((x) => typeof x === 'number');
/** Loss and accuracy values: NaN from a diverging run may arrive as null (JSON); the curves leave a gap there. */
const isValues = (v: unknown, length: number): boolean =>
  Array.isArray(v) && v.length === length && v.every((x) => typeof x === 'number' || x === null);
const isIndex = (v: unknown, n: number): boolean => Number.isInteger(v) && (v as number) >= 0 && (v as number) < n;

export function isZkcRunArtifact(v: unknown): v is ZkcRunArtifact {
  if (!isObject(v) || v.kind !== 'zkc-run' || typeof v.title !== 'string' || !isObject(v.graph)) return false;
  const g = v.graph;
  const n = g.nodeCount;
  if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > 10_000) return false;
  const nodes = n as number;
  const graphOk =
    Array.isArray(g.edges) &&
    g.edges.every(
      (e) =>
        Array.isArray(e) &&
        e.length === 3 &&
        isIndex(e[0], nodes) &&
        isIndex(e[1], nodes) &&
        typeof e[2] === 'number' &&
        Number.isFinite(e[2]),
    ) &&
    Array.isArray(g.clubs) &&
    g.clubs.length === nodes &&
    g.clubs.every((c) => typeof c === 'string') &&
    Array.isArray(g.labels) &&
    g.labels.length === nodes &&
    g.labels.every((l) => l === 0 || l === 1) &&
    Array.isArray(g.testNodes) &&
    g.testNodes.every((t) => isIndex(t, nodes)) &&
    Array.isArray(g.communities) &&
    g.communities.every((c) => Array.isArray(c) && c.every((t) => isIndex(t, nodes))) &&
    typeof g.modularity === 'number';
  if (!graphOk || !Array.isArray(v.series) || v.series.length === 0 || !Array.isArray(v.gradCheck)) return false;
  const seriesOk = v.series.every((s) => {
    if (!isObject(s) || (s.maskMode !== 'all-nodes' && s.maskMode !== 'train-only') || !isNumbers(s.epochs))
      return false;
    const len = s.epochs.length;
    return (
      isValues(s.trainLoss, len) &&
      isValues(s.testLoss, len) &&
      isValues(s.testAccuracy, len) &&
      isNumbers(s.embeddingEpochs) &&
      Array.isArray(s.embeddings) &&
      s.embeddings.length === s.embeddingEpochs.length &&
      s.embeddings.every((f) => isNumbers(f, 2 * nodes)) &&
      (s.stopReason === 'early-stopping' || s.stopReason === 'max-epochs') &&
      isNumbers(s.predictions, nodes)
    );
  });
  return seriesOk && isZkcGradCheckRows(v.gradCheck);
}

/** Rows a gradient-check table allows (two per parameter of the network, with room to spare). */
const MAX_GRAD_CHECK_ROWS = 64;

/**
 * Is a value the rows of a gradient-check table (a run's gradCheck, or the judge's `zkc-gradcheck`
 * artifact's)? A relative error that is NaN or infinite (a student's backward gone wrong) arrives as
 * null after JSON; the table shows it as not finite.
 */
export function isZkcGradCheckRows(v: unknown): v is ZkcGradCheckRow[] {
  return (
    Array.isArray(v) &&
    v.length <= MAX_GRAD_CHECK_ROWS &&
    v.every(
      (r) =>
        isObject(r) &&
        typeof r.parameter === 'string' &&
        r.parameter.length <= 200 &&
        (typeof r.relativeError === 'number' || r.relativeError === null) &&
        typeof r.tolerance === 'number' &&
        typeof r.ok === 'boolean',
    )
  );
}

/** The judge's gradient check of a run (`zkc-gradcheck`), which the panel folds into the run shown. */
export function isZkcGradCheckArtifact(v: unknown): v is ZkcGradCheckArtifact {
  return isObject(v) && v.kind === 'zkc-gradcheck' && isZkcGradCheckRows(v.rows);
}
