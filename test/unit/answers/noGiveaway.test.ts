import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../support/repo';

// What students read — the workspace they get, the checks documentation diagnostics link to, and the
// README the Extensions view shows — must not hand them the written answers the lab grades.
const GIVEAWAYS: Record<string, string[]> = {
  '2a': ['dμ²', 'd·μ²', 'd*mu^2', 'dmu^2'],
  '2b': ['Var(qᵀk)=d', 'Var(qᵀk)=Σ'],
  '3b-i': ['(qᵀk+1)²', '(q^Tk+1)^2', '(Q_iᵀK_j+1)²', '(QKᵀ+1)²'],
  '3b-ii': ['(D+1)(D+2)/2', '(D+1)²', '(D+1)^2'],
  '3c-i-time': ['N²(D+M)', 'N²max(D,M)', 'N^2max(D,M)', 'N²D+N²M'],
  '3c-i-memory': ['N²+N(D+M)'],
  '3c-ii-time': ['ND²M', 'N·D²·M', 'ND^2M'],
  '3c-ii-memory': ['ND²+D²M'],
  '1-plots': ['nodes8and9', '8and9', 'node8and', 'modularityclasses'],
  '4b-i': ['W₂ᵀ(I−W₂W₁)', '(I−W₂W₁)XXᵀ', 'W_2^T(I-W_2W_1)', '(I-W_2W_1)XX^T', 'W2^T(I-W2W1)'],
  '4b-ii': ['W₁=U_kᵀ', 'W₂=U_k', 'W_1=U_k^T', 'W_2=U_k', 'Σ_{i>k}σ_i²', '\\sum_{i>k}\\sigma_i^2'],
  '5a': ['neural−0.51', 'neural-0.51', 'network−0.92', 'network-0.92'],
  '5b': [
    'neuralneural−1.11',
    'neuralneural-1.11',
    'networkneural−1.21',
    'networkneural-1.21',
    '{neuralneural,networkneural}',
  ],
  '5c': ['networkneuralneural', '−1.57', '-1.57', '−1.62', '-1.62'],
  '5d': ['neuralnetworknetwork', '−1.36', '-1.36', 'wasprunedatt=2'],
  '5e': ['Tk(M+klogk)', 'T·k·(M+klogk)', 'TkM+Tk²logk', 'Tk²logk', 'Tk^2logk', 'TkMlogk', 'O(Tk²)', 'O(Tk^2)'],
};

function studentFacingFiles(root: string): string[] {
  const workspace = join(root, 'media', 'workspace');
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return [...walk(workspace), join(root, 'docs', 'checks.md'), join(root, 'README.md')];
}

describe('student-facing texts give no answers away', () => {
  const root = repoRoot();
  for (const file of studentFacingFiles(root)) {
    it(relative(root, file), () => {
      // Spacing, backticks and $ do not hide an answer.
      const text = readFileSync(file, 'utf8').replace(/[\s`$]/g, '');
      const found = Object.entries(GIVEAWAYS).flatMap(([id, forms]) =>
        forms.filter((f) => text.includes(f)).map((f) => `${id}: ${f}`),
      );
      assert.deepEqual(found, []);
    });
  }
});
