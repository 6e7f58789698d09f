// Lint: typescript-eslint's recommended rules, plus the architectural rules that matter most:
// src/core must not know VS Code or the DOM, nor Node or the layers above it (it runs in a webview
// too), except in a problem's Node-side files, which only the CLI loads: its benches and CLI options.
import tseslint from 'typescript-eslint';

const NODE_SIDE = [
  'src/core/bench.ts',
  'src/core/cliOption.ts',
  'src/core/problems/*/benches.ts',
  'src/core/problems/*/epochBench.ts',
  'src/core/problems/*/gridBench.ts',
  'src/core/problems/*/cliOptions.ts',
];
const NO_VSCODE = { name: 'vscode', message: 'src/core knows nothing of VS Code.' };

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test-host/**', 'test/fixtures/**', 'media/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: NODE_SIDE,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_VSCODE],
          patterns: [
            { group: ['node:*'], message: 'src/core runs in a webview too: Node belongs to src/runner or the CLI.' },
            { group: ['**/runner/*', '**/cli/*', '**/extension/*'], message: 'src/core imports no other layer.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'document', 'window', 'navigator'],
    },
  },
  {
    files: NODE_SIDE,
    rules: {
      'no-restricted-imports': ['error', { paths: [NO_VSCODE] }],
      'no-restricted-globals': ['error', 'document', 'window', 'navigator'],
    },
  },
);
