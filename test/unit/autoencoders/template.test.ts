// The Q4 student template: registered, its TODO markers are the problem's, in order, each inside the
// function it belongs to; it type-checks in a fresh workspace, and so does the reference as a student
// file (with the declarations of ./declarations until the shipped ones have them); loaded as the lab
// loads it, every function throws its TODO, and the checks report each TODO at its marker; a missing
// export is a ShapeError naming its marker; no student-facing Q4 text gives 4b away.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { assertMarkersInTheirFunctions, loadStudentExports, typeErrorsWith, WORKSPACE } from '../support/studentFile';
import { autoencodersProblem } from '../../../src/core/problems/autoencoders';
import { autoencodersChild } from '../../../src/core/problems/autoencoders/child';
import * as referenceModule from '../../../src/core/problems/autoencoders/reference';
import { problemCatalog } from '../../../src/core/problems/catalog';
import { findProblem, problems } from '../../../src/core/problems';
import { findProblemChild } from '../../../src/core/problems/children';
import { ShapeError } from '../../../src/core/problem';
import { findingsOf } from '../support/judgeLocal';
import { repoRoot } from '../support/repo';
import { child } from './support';

const TEMPLATE_FILE = join(WORKSPACE, 'q4_autoencoders.ts');
const REFERENCE = join(repoRoot(), 'src', 'core', 'problems', 'autoencoders', 'reference.ts');
const referenceAsStudentFile = (): string =>
  readFileSync(REFERENCE, 'utf8').replace("from './solution'", 'from "hw6-lab"');

/** 4b's answers (the first-order conditions, the optimum and its loss) in forms a text could spell them; naming the conditions is the question itself (answers.md, 4b-i). */
const GIVEAWAYS_4B = ['W₂ᵀ(I−W₂W₁)', '(I−W₂W₁)XXᵀ', 'W₁=U_kᵀ', 'W₂=U_k', 'W1=U_k^T', 'W2=U_k', 'Σ_{i>k}σ_i²', 'Eckart'];

describe('Q4 student template', function () {
  this.timeout(60_000);
  const source = readFileSync(TEMPLATE_FILE, 'utf8');
  before(async () => {
    await useTfBackend();
  });

  it('is registered between kernel-attention and beam-search, with its catalog entry and markers', () => {
    assert.equal(findProblem('autoencoders'), autoencodersProblem);
    assert.equal(findProblemChild('autoencoders'), autoencodersChild);
    assert.equal(autoencodersProblem.hasCells, true);
    assert.deepEqual(
      problems.map((p) => p.id),
      ['zkc', 'attention-scaling', 'kernel-attention', 'autoencoders', 'beam-search'],
    );
    const info = problemCatalog.find((p) => p.id === 'autoencoders')!;
    assert.equal(info.studentFile, 'q4_autoencoders.ts');
    assert.deepEqual(autoencodersProblem.markers, info.markers);
    assert.deepEqual(
      info.markers.map((m) => m.id),
      ['q4.decoder', 'q4.forward', 'q4.loss', 'q4.denoising', 'q4.masking', 'q4.probe-accuracy'],
    );
  });

  it("carries the problem's TODO markers in order, each in the body of the function it exports, importing like the other templates", () => {
    assertMarkersInTheirFunctions(source, autoencodersProblem.markers);
    assert.match(source, /^import \* as tf from "@tensorflow\/tfjs";$/m);
    assert.match(source, /^import type \{ AutoencoderParams, AutoencoderOutput \} from "hw6-lab";$/m);
    for (const words of ['sum', 'mean over the rows', 'none after the bottleneck', 'only', 'seed'])
      assert.ok(source.includes(words), words);
  });

  it('type-checks in a fresh workspace, and so does the reference as a student file', () => {
    assert.deepEqual(typeErrorsWith({}), []);
    assert.deepEqual(typeErrorsWith({ 'q4_autoencoders.ts': referenceAsStudentFile() }), []);
  });

  it('a misuse of the declared types is a type error', () => {
    const wrong = referenceAsStudentFile().replace(
      'return { code, reconstruction };',
      'return { code, reconstruction: 3 };',
    );
    const errors = typeErrorsWith({ 'q4_autoencoders.ts': wrong });
    assert.ok(errors.length >= 1 && errors.some((e) => /not assignable/.test(e)), errors.join('\n'));
  });

  it('loads as the lab loads it; every function throws its TODO', () => {
    const solution = autoencodersChild.solutionFrom(loadStudentExports(TEMPLATE_FILE));
    const x = tf.zeros([2, 2]) as tf.Tensor2D;
    const params = { encoder: [], decoder: [], activation: 'linear' as const };
    const calls: [string, () => unknown][] = [
      ['decoderWidths', () => solution.decoderWidths(4, [2])],
      ['forward', () => solution.forward(params, x)],
      ['reconstructionLoss', () => solution.reconstructionLoss(x, x)],
      ['addNoise', () => solution.addNoise(x, 0.5, 1)],
      ['maskInputs', () => solution.maskInputs(x, 0.25, 1)],
      ['probeAccuracy', () => solution.probeAccuracy(x, new Int32Array(2))],
    ];
    for (const [name, call] of calls) assert.throws(call, new RegExp(`TODO: implement ${name}`));
    x.dispose();
  });

  it('checks on the template report every TODO at its marker, as the function that threw', async () => {
    const findings = await findingsOf(
      autoencodersProblem,
      child,
      loadStudentExports(TEMPLATE_FILE),
      autoencodersProblem.defaultConfig(true),
    );
    const names: Record<string, string> = {
      'q4.decoder': 'decoderWidths',
      'q4.forward': 'forward',
      'q4.loss': 'reconstructionLoss',
      'q4.denoising': 'addNoise',
      'q4.masking': 'maskInputs',
      'q4.probe-accuracy': 'probeAccuracy',
    };
    assert.deepEqual(
      findings.map((f) => [f.checkId, f.ok, f.marker, f.short]),
      Object.keys(names).map((id) => [id, false, id, 'threw']),
    );
    for (const f of findings)
      assert.match(f.message, new RegExp(`TODO: implement ${names[f.checkId]}`), JSON.stringify(f));
  });

  it('a module without an export is a ShapeError naming the export and its marker', () => {
    const { maskInputs: _omitted, ...rest } = { ...referenceModule };
    assert.throws(
      () => autoencodersChild.solutionFrom(rest),
      (e: unknown) =>
        e instanceof ShapeError &&
        e.marker === 'q4.masking' &&
        /q4_autoencoders\.ts must export a function `maskInputs`/.test(e.message),
    );
  });

  it("no student-facing Q4 text gives 4b's answer away", () => {
    const checksDoc = readFileSync(join(repoRoot(), 'docs', 'checks.md'), 'utf8');
    const q4Doc = checksDoc.slice(checksDoc.indexOf('## Q4'), checksDoc.indexOf('## Q5'));
    const readme = readFileSync(join(WORKSPACE, 'README.md'), 'utf8');
    for (const [name, text] of [
      ['template', source],
      ['docs/checks.md (Q4)', q4Doc],
      ['workspace README', readme],
    ] as const) {
      const squeezed = text.replace(/[\s`$]/g, '');
      assert.deepEqual(
        GIVEAWAYS_4B.filter((g) => squeezed.includes(g)),
        [],
        name,
      );
    }
  });
});
