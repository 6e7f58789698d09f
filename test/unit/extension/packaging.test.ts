// The rules the host layer applies to the VSIX (test/host/vsixContents.ts), on made-up listings and
// a zip built here, and when an installed HW6 Lab hands out its test API (src/extension/testApi.ts).
import assert from 'node:assert/strict';
import { zipSync } from 'fflate';
import { exposesTestApi, TEST_API_ENV } from '../../../src/extension/testApi';
import { MAX_VSIX_BYTES, vsixEntries, vsixProblems, type VsixExpectations } from '../../host/vsixContents';

const expected: VsixExpectations = {
  panels: ['beam', 'zkc'],
  wasm: ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'],
  media: ['media/data/mnist10k.bin.gz', 'media/walkthrough/run.md', 'media/workspace/q5_beam_search.ts'],
};

/** A listing that ships exactly what it should, as vsce lays it out. */
const complete = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/package.json',
  'extension/readme.md',
  'extension/LICENSE.txt',
  'extension/docs/checks.md',
  'extension/docs/screenshots/beam-tree-light.png',
  'extension/dist/extension.js',
  'extension/dist/judge.js',
  'extension/dist/child.js',
  'extension/dist/cli.js',
  'extension/dist/cliMain.js',
  'extension/dist/report.js',
  'extension/dist/webview/beam.js',
  'extension/dist/webview/beam.css',
  'extension/dist/webview/zkc.js',
  'extension/dist/wasm/tfjs-backend-wasm.wasm',
  'extension/dist/wasm/tfjs-backend-wasm-simd.wasm',
  ...expected.media.map((m) => `extension/${m}`),
];

describe('packaging', () => {
  describe('VSIX contents', () => {
    it('accepts a VSIX with what the extension needs', () => {
      assert.deepEqual(vsixProblems(complete, 2_100_000, expected), []);
    });

    it('names every required file that is missing', () => {
      const without = (...names: string[]) => complete.filter((e) => !names.includes(e));
      assert.deepEqual(vsixProblems(without('extension/media/data/mnist10k.bin.gz'), 1, expected), [
        'media/data/mnist10k.bin.gz is missing',
      ]);
      assert.deepEqual(
        vsixProblems(
          without(
            'extension/media/walkthrough/run.md',
            'extension/dist/webview/zkc.js',
            'extension/dist/wasm/tfjs-backend-wasm-simd.wasm',
          ),
          1,
          expected,
        ),
        [
          'dist/webview/zkc.js is missing',
          'dist/wasm/tfjs-backend-wasm-simd.wasm is missing',
          'media/walkthrough/run.md is missing',
        ],
      );
      for (const file of ['extension.js', 'judge.js', 'child.js', 'cli.js'])
        assert.deepEqual(vsixProblems(without(`extension/dist/${file}`), 1, expected), [`dist/${file} is missing`]);
      assert.deepEqual(
        vsixProblems(without('extension/docs/checks.md', 'extension/readme.md', 'extension/LICENSE.txt'), 1, expected),
        ['readme.md is missing', 'LICENSE.txt is missing', 'docs/checks.md is missing'],
      );
    });

    it('rejects source maps, sources, tests, node_modules, the benchmark and anything unlisted', () => {
      const extra = [
        'extension/dist/extension.js.map',
        'extension/dist/webview/beam.js.map',
        'extension/src/extension/extension.ts',
        'extension/webview/beam/main.ts',
        'extension/test/unit/x.test.ts',
        'extension/node_modules/fflate/package.json',
        'extension/dist/bench.js',
        'extension/out/test/host/suite/index.js',
        'extension/tsconfig.json',
        'elsewhere.txt',
      ];
      assert.deepEqual(vsixProblems([...complete, ...extra], 1, expected), [
        'elsewhere.txt is outside extension/',
        'dist/bench.js should not ship (the benchmark (npm run bench))',
        'dist/extension.js.map should not ship (a source map)',
        'dist/webview/beam.js.map should not ship (a source map)',
        'node_modules/fflate/package.json should not ship (node_modules (everything is bundled))',
        'out/test/host/suite/index.js should not ship (build output of the tests)',
        'src/extension/extension.ts should not ship (TypeScript source)',
        'test/unit/x.test.ts should not ship (a test)',
        'tsconfig.json should not ship (nothing the extension needs)',
        'webview/beam/main.ts should not ship (webview source)',
      ]);
    });

    it(`rejects a VSIX of ${MAX_VSIX_BYTES / 1e6} MB or more`, () => {
      assert.deepEqual(vsixProblems(complete, MAX_VSIX_BYTES - 1, expected), []);
      assert.deepEqual(vsixProblems(complete, MAX_VSIX_BYTES, expected), ['the VSIX is 15.00 MB, not under 15 MB']);
    });

    it('rejects a reference solution: the student VSIX has no dist/reference', () => {
      assert.deepEqual(vsixProblems([...complete, 'extension/dist/reference/zkc.js'], 2_100_000, expected), [
        'dist/reference/zkc.js should not ship (a reference solution: the student build has none (esbuild.mjs))',
      ]);
    });

    it('lists the entries of a zip without inflating them', () => {
      const zip = zipSync({
        extension: { 'package.json': new TextEncoder().encode('{}'), dist: { 'cli.js': new Uint8Array(5) } },
        'extension.vsixmanifest': new Uint8Array(3),
      });
      assert.deepEqual(vsixEntries(zip).sort(), [
        'extension.vsixmanifest',
        'extension/',
        'extension/dist/',
        'extension/dist/cli.js',
        'extension/package.json',
      ]);
    });
  });

  describe('test API', () => {
    it('is always there under development and in extension tests', () => {
      assert.equal(exposesTestApi(false, {}), true);
    });

    it(`is there in an installed copy only with ${TEST_API_ENV}=1`, () => {
      assert.equal(exposesTestApi(true, {}), false);
      assert.equal(exposesTestApi(true, { [TEST_API_ENV]: '0' }), false);
      assert.equal(exposesTestApi(true, { [TEST_API_ENV]: 'true' }), false);
      assert.equal(exposesTestApi(true, { [TEST_API_ENV]: '1' }), true);
    });
  });
});
