// The check behind package.test.ts's "no solution in the student VSIX" (test/host/vsixSolutions.ts)
// must be able to fail: each reference.ts bundled and minified as the staff build's dist/reference
// does it is found, every string and every function body; the child's bundle, which never holds a
// reference, is clean.
import * as assert from 'node:assert/strict';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/repo';
import {
  referenceFingerprint,
  referenceFingerprints,
  solutionsIn,
  staffHalfFingerprints,
  MIN_STRING,
  MIN_TOKENS,
} from '../../host/vsixSolutions';
import { studentHalves } from '../../../scripts/studentHalves.mjs';
import { problemFolders } from '../../../scripts/problemFolders.mjs';
import { watPlugin } from '../../../scripts/watPlugin.mjs';

const root = repoRoot(__dirname);

/** Bundled and minified for Node, in memory, as the builds write the judge and the child. */
const MINIFIED_NODE_BUNDLE = {
  bundle: true,
  write: false,
  minify: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'silent',
} as const;

async function bundle(entry: string, options: { reference: boolean; studentHalves?: boolean }): Promise<string> {
  const result = await build({
    entryPoints: [join(root, entry)],
    ...MINIFIED_NODE_BUNDLE,
    plugins: [
      problemFolders(root, { withReference: options.reference }),
      ...(options.studentHalves ? [studentHalves()] : []),
      // the child's WebAssembly kernels (the judge has none)
      watPlugin(),
    ],
    define: { HW6_FLAVOUR: '"student"' },
    ...(options.reference
      ? { alias: { '@tensorflow/tfjs-core': '@tensorflow/tfjs' }, external: ['@tensorflow/tfjs'] }
      : {}),
  });
  return result.outputFiles[0]!.text;
}

/** A module's text bundled and minified as the builds do (tfjs external). */
async function bundleText(source: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, loader: 'ts', resolveDir: root },
    ...MINIFIED_NODE_BUNDLE,
    external: ['@tensorflow/tfjs-core'],
  });
  return result.outputFiles[0]!.text;
}

describe('no solution in the student VSIX: the search (test/host/vsixSolutions.ts)', function () {
  this.timeout(240_000);
  const references = referenceFingerprints(root);

  it('fingerprints every reference.ts: strings of 12+ characters and function bodies of 16+ tokens', () => {
    assert.equal(MIN_STRING, 12);
    assert.equal(MIN_TOKENS, 16);
    assert.deepEqual(references.map((r) => r.problemId).sort(), [
      'attention-scaling',
      'autoencoders',
      'beam-search',
      'kernel-attention',
      'zkc',
    ]);
    for (const r of references) assert.ok(r.bodies.length > 0, `${r.problemId}: no function bodies`);
  });

  for (const id of ['attention-scaling', 'autoencoders', 'beam-search', 'kernel-attention', 'zkc']) {
    it(`finds every string and function body of ${id}'s reference in its minified bundle (as dist/reference/${id}.js)`, async () => {
      const js = await bundle(`src/core/problems/${id}/reference.ts`, { reference: true });
      const ref = references.find((r) => r.problemId === id)!;
      const found = solutionsIn(new Map([[`${id}.js`, js]]), [ref]);
      const missing = [
        ...ref.strings
          .filter((s) => !found.some((f) => f.endsWith(`string ${JSON.stringify(s)}`)))
          .map((s) => `string ${s}`),
        ...ref.bodies
          .filter((b) => !found.some((f) => f.endsWith(`function ${b.name}`)))
          .map((b) => `function ${b.name}`),
      ];
      assert.deepEqual(missing, []);
    });
  }

  it("finds none in the student flavour's judge bundle (the checks and answers, never a reference)", async () => {
    const js = await bundle('src/runner/judgeEntry.ts', { reference: false });
    assert.deepEqual(solutionsIn(new Map([['judge.js', js]]), references), []);
  });

  // the checks' staff-only halves (live expectations, hidden checks): in the judge as the repository
  // builds it, and gone once the student build swaps them for their .student.ts siblings
  it('finds the staff-only halves (*.staff.ts) in a staff judge, and none once they are swapped', async () => {
    const halves = staffHalfFingerprints(root);
    assert.ok(halves.length >= 9, `only ${halves.length} staff halves`);
    const staff = await bundle('src/runner/judgeEntry.ts', { reference: false });
    const found = solutionsIn(new Map([['judge.js', staff]]), halves);
    // every hidden check's module, and the live expectations of most problems (a one-function half
    // can be inlined by the minifier past recognition)
    const missing = halves.filter((h) => !found.some((f) => f.includes(`${h.problemId}'s`))).map((h) => h.problemId);
    assert.ok(
      missing.every((m) => m.endsWith('expected.staff.ts')) && missing.length <= 2,
      `not found in a judge that bundles them: ${missing.join(', ')}`,
    );
    const student = await bundle('src/runner/judgeEntry.ts', { reference: false, studentHalves: true });
    assert.deepEqual(solutionsIn(new Map([['judge.js', student]]), halves), []);
  });

  // Q1's float64 GCN (Â, the layers, the network and its gradients, the training replay) computes what
  // Q1's TODOs ask: the child trains on the Â and X the student's own functions build (dataset.ts's
  // zkcTargets), and the student build's judge reads what it needs from zkc/expected.student.ts's
  // recording, so none of it is in either student bundle. (The setup they share, initGcnParams,
  // nodeMask and oneHot, is no TODO.)
  it("finds Q1's float64 GCN in a staff judge, and none of it in the student judge's or the child's bundle", async () => {
    const shared = new Set(['initGcnParams', 'nodeMask', 'oneHot', 'maskedNodes', 'paramArrays']);
    const gcn = ['adjacency.ts', 'float64Gcn.ts', 'train.ts'].map((f) => {
      const print = referenceFingerprint(`zkc/${f}`, readFileSync(join(root, 'src/core/problems/zkc', f), 'utf8'));
      // the named functions' bodies (an inner arrow is part of one); not the strings: the generic ones
      // (" entries, got ") are the matrix helpers' too, which the child rightly ships
      const named = print.bodies.filter((b) => !b.name.startsWith('(') && !shared.has(b.name));
      return { ...print, strings: [], bodies: named };
    });
    const staffJudge = await bundle('src/runner/judgeEntry.ts', { reference: false });
    const inJudge = solutionsIn(new Map([['judge.js', staffJudge]]), gcn);
    for (const name of ['normalizeSymmetric', 'gcnBackward', 'networkGradients', 'step'])
      assert.ok(
        inJudge.some((f) => f.endsWith(`function ${name}`)),
        `${name} not found in a judge that bundles it`,
      );
    const studentJudge = await bundle('src/runner/judgeEntry.ts', { reference: false, studentHalves: true });
    assert.deepEqual(solutionsIn(new Map([['judge.js', studentJudge]]), gcn), []);
    const child = await bundle('src/runner/childMain.ts', { reference: false, studentHalves: true });
    assert.deepEqual(solutionsIn(new Map([['child.js', child]]), gcn), []);
  });
});

// Lab helpers outside reference.ts that compute what a TODO asks: none may ship in the student build's
// judge or child. Each is first found in a bundle that holds it (the repository's judge; for a helper
// since removed, a bundle of its former text), so the search can fail.
describe("no TODO's answer in the student build's judge and child: the lab's own helpers", function () {
  this.timeout(240_000);
  const helpers: { file: string; names: string[]; formerly?: string }[] = [
    // Q2: the float64 row-wise dot products (the dotProducts TODO), which also verify the variance
    // check's sampled rows: staff-only since the student build reads those rows' values recorded
    { file: 'attention-scaling/expected.staff.ts', names: ['rowDots'] },
    // Q2: softmax(Kq), the scaledAttention TODO without its √d, was the child's "unscaled" saturation
    // curve; that curve is now the student's scaledAttention(√d·q, K) (saturation.ts)
    {
      file: 'attention-scaling/saturation.ts',
      names: ['unscaledAttention'],
      formerly: `import * as tf from '@tensorflow/tfjs-core';
export function unscaledAttention(q: tf.Tensor1D, K: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.softmax(tf.sum(tf.mul(K, q), 1) as tf.Tensor1D));
}`,
    },
    // Q4: the argmax count (the probeAccuracy TODO) behind q4.probe-count and q4.probe-accuracy's
    // expected values: staff-only, so the student build's child counts nothing itself
    { file: 'autoencoders/labCount.staff.ts', names: ['countAccuracy'] },
  ];
  const prints = helpers.map(({ file, names, formerly }) => {
    const print = referenceFingerprint(file, formerly ?? readFileSync(join(root, 'src/core/problems', file), 'utf8'));
    return { ...print, strings: [], bodies: print.bodies.filter((b) => names.includes(b.name)) };
  });

  it('fingerprints every helper named', () => {
    for (const [i, { names }] of helpers.entries())
      assert.deepEqual(prints[i]!.bodies.map((b) => b.name).sort(), [...names].sort());
  });

  it("finds them in a bundle that holds them, and none in the student build's judge or child", async () => {
    const staff = new Map([['judge.js', await bundle('src/runner/judgeEntry.ts', { reference: false })]]);
    for (const [i, { formerly }] of helpers.entries())
      if (formerly) staff.set(`former-${i}.js`, await bundleText(formerly));
    const inStaff = solutionsIn(staff, prints);
    const missing = prints.flatMap((p) =>
      p.bodies.filter((b) => !inStaff.some((f) => f.endsWith(`function ${b.name}`))).map((b) => b.name),
    );
    assert.deepEqual(missing, [], 'not found in a bundle that holds them');
    const student = new Map([
      ['judge.js', await bundle('src/runner/judgeEntry.ts', { reference: false, studentHalves: true })],
      ['child.js', await bundle('src/runner/childMain.ts', { reference: false, studentHalves: true })],
    ]);
    assert.deepEqual(solutionsIn(student, prints), []);
  });
});
