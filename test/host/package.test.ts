// What ships is what is tested: scripts/test.mjs packages HW6 Lab (scripts/package.mjs, the same as
// `npm run package`) and test/host/runHostTests.mjs --vsix installs that VSIX into a fresh
// extensions dir of the test host, so this whole suite runs against the installed copy. These tests
// check the VSIX holds what the extension needs and nothing else, that the HW6 Lab under test is
// the installed copy (not the repo), and run a problem from it. Skipped when the suite runs against
// the extension under development (runHostTests.mjs without --vsix).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import * as vscode from 'vscode';
import type { RunOutcome } from '../../src/extension/runController';
import { repoRoot } from '../unit/support/repo';
import {
  activateApi,
  codeOf,
  EXTENSION_ID,
  fixtureUri,
  hw6Diagnostics,
  waitFor,
  WRONG_BEAM_SEARCH_FAILURES,
} from './helpers';
import { checkVsix, MAX_VSIX_BYTES, vsixEntries } from './vsixContents';
import { referenceFingerprints, solutionsIn, staffHalfFingerprints, vsixJavaScript } from './vsixSolutions';

const isInside = (dir: string, path: string): boolean => realpathSync(path).startsWith(realpathSync(dir) + sep);

describe('packaged extension (the installed VSIX)', function () {
  this.timeout(120_000);
  const vsix = process.env.HW6_HOST_VSIX;
  const extensionsDir = process.env.HW6_HOST_EXTENSIONS_DIR;
  const root = repoRoot(__dirname);

  before(function () {
    if (!vsix || !extensionsDir) {
      console.log('    (the suite runs against the extension under development: nothing packaged to check)');
      this.skip();
    }
  });

  it(`is under ${MAX_VSIX_BYTES / 1e6} MB and holds what the extension needs, nothing else`, () => {
    const { entries, sizeBytes, problems } = checkVsix(vsix!, root);
    console.log(`    ${vsix}: ${(sizeBytes / 1e6).toFixed(2)} MB, ${entries.length} entries`);
    assert.deepEqual(problems, []);
  });

  // the student build (npm run package): no solution of any TODO ships (test/host/vsixSolutions.ts says how it is searched)
  it("holds no reference solution: no dist/reference, none of the reference files' strings or function bodies in its JavaScript", () => {
    const bytes = readFileSync(vsix!);
    assert.deepEqual(
      vsixEntries(bytes).filter((e) => e.startsWith('extension/dist/reference/')),
      [],
      'dist/reference ships',
    );
    const references = referenceFingerprints(root);
    assert.ok(
      references.length >= 5 && references.every((r) => r.bodies.length > 0),
      'the reference files were not read',
    );
    assert.deepEqual(solutionsIn(vsixJavaScript(bytes), references), []);
  });

  // …nor the checks' staff-only halves: live expectations that amount to a solution, and the hidden checks
  it('holds none of the staff-only halves (*.staff.ts): no live expectation, no hidden check', () => {
    const halves = staffHalfFingerprints(root);
    assert.ok(halves.length >= 5, `only ${halves.length} staff halves found`);
    assert.deepEqual(solutionsIn(vsixJavaScript(readFileSync(vsix!)), halves), []);
  });

  it('is the HW6 Lab the host runs, installed in the extensions dir and not loaded from the repo', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not among the installed extensions`);
    const path = extension.extensionPath;
    assert.ok(isInside(extensionsDir!, path), `${path} is not inside the extensions dir ${extensionsDir}`);
    assert.ok(!isInside(root, path), `${path} is inside the repo`);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    assert.equal(extension.packageJSON.version, manifest.version);
    assert.ok(
      existsSync(join(path, 'dist/extension.js')) && existsSync(join(path, 'dist/child.js')),
      `no bundles in ${path}`,
    );
    for (const absent of ['src', 'test', 'node_modules', 'dist/extension.js.map'])
      assert.ok(!existsSync(join(path, absent)), `${absent} was installed`);
  });

  it('runs a problem from the installed copy: Check on the wrong beam search, diagnostics linking to its docs', async () => {
    const { extension } = await activateApi();
    const wrong = fixtureUri('q5_beam_search.ts');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(wrong));
    const outcome = await vscode.commands.executeCommand<RunOutcome>('hw6.checkMarker', wrong, 'q5.beam-search');
    assert.equal(outcome?.status, 'done', `the run ended with ${JSON.stringify(outcome?.error ?? outcome?.status)}`);
    assert.equal(outcome.runner, 'process');
    const diagnostics = await waitFor('HW6 diagnostics on q5_beam_search.ts', () => {
      const d = hw6Diagnostics(wrong);
      return d.length >= WRONG_BEAM_SEARCH_FAILURES.length ? d : undefined;
    });
    assert.deepEqual(diagnostics.map(codeOf).sort(), WRONG_BEAM_SEARCH_FAILURES);
    for (const d of diagnostics) {
      const target = (d.code as { target: vscode.Uri }).target;
      assert.ok(
        isInside(extension.extensionPath, target.fsPath),
        `${codeOf(d)} links to ${target.fsPath}, not to the installed docs`,
      );
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
