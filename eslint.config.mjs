// Lint: typescript-eslint's recommended rules, plus the one architectural rule that matters most:
// src/core must not know VS Code or the DOM.
import tseslint from 'typescript-eslint';

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
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'src/core knows nothing of VS Code.' }] },
      ],
      'no-restricted-globals': ['error', 'document', 'window', 'navigator'],
    },
  },
);
