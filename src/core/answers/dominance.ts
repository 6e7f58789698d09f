// When is a monomial x^b negligible beside a sum Σ x^(a_i), with every variable growing
// independently? Exactly when b lies below the convex hull of the a_i: some convex weights λ
// give Σ λ_i a_i ≥ b in every coordinate (then x^b ≤ Π (x^(a_i))^λ_i ≤ Σ λ_i x^(a_i) by the
// weighted AM–GM inequality; otherwise a separating direction w ≥ 0 makes x^b win along x = t^w).
// So N·D is negligible beside N² + D², although neither term alone bounds it. Deciding it is a
// tiny linear program, solved here by a phase-1 simplex.

const EPS = 1e-9;

/** Is there λ ≥ 0 with Σλ = 1 and Σ λ_i points[i] ≥ target (componentwise)? */
export function belowHull(target: readonly number[], points: readonly (readonly number[])[]): boolean {
  if (points.length === 0) return false;
  const k = target.length;
  const n = points.length;
  // Rows: k "≥" rows (with surplus s_j) and the Σλ = 1 row; one artificial per row.
  // Columns: λ (n), s (k), r (k + 1), then the right-hand side.
  const rows = k + 1;
  const cols = n + k + rows;
  const t: number[][] = [];
  for (let j = 0; j < k; j++) {
    const row = new Array<number>(cols + 1).fill(0);
    const sign = target[j] < 0 ? -1 : 1; // keep the right-hand side ≥ 0
    for (let i = 0; i < n; i++) row[i] = sign * points[i][j];
    row[n + j] = -sign;
    row[n + k + j] = 1;
    row[cols] = sign * target[j];
    t.push(row);
  }
  const sumRow = new Array<number>(cols + 1).fill(0);
  for (let i = 0; i < n; i++) sumRow[i] = 1;
  sumRow[n + k + k] = 1;
  sumRow[cols] = 1;
  t.push(sumRow);
  const basis = Array.from({ length: rows }, (_, r) => n + k + r);

  // Phase 1: minimise the sum of the artificials; reduced costs c_j − c_B B⁻¹ A_j.
  const cost = (col: number): number => (col >= n + k ? 1 : 0);
  for (let iter = 0; iter < 500; iter++) {
    let entering = -1;
    for (let c = 0; c < cols && entering < 0; c++) {
      if (basis.includes(c)) continue;
      let reduced = cost(c);
      for (let r = 0; r < rows; r++) reduced -= cost(basis[r]) * t[r][c];
      if (reduced < -EPS) entering = c; // Bland: the first improving column
    }
    if (entering < 0) break;
    let leaving = -1;
    let best = Infinity;
    for (let r = 0; r < rows; r++) {
      if (t[r][entering] > EPS) {
        const ratio = t[r][cols] / t[r][entering];
        if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && basis[r] < basis[leaving])) {
          best = ratio;
          leaving = r;
        }
      }
    }
    if (leaving < 0) break; // unbounded cannot happen in phase 1; stop defensively
    const pivot = t[leaving][entering];
    for (let c = 0; c <= cols; c++) t[leaving][c] /= pivot;
    for (let r = 0; r < rows; r++) {
      if (r === leaving || Math.abs(t[r][entering]) <= 0) continue;
      const f = t[r][entering];
      for (let c = 0; c <= cols; c++) t[r][c] -= f * t[leaving][c];
    }
    basis[leaving] = entering;
  }
  let infeasibility = 0;
  for (let r = 0; r < rows; r++) if (basis[r] >= n + k) infeasibility += t[r][cols];
  return infeasibility <= 1e-7;
}
