import type { Plugin } from 'esbuild';
/**
 * See problemFolders.mjs: the module behind `import modules from 'problem-folders:<file>'`;
 * `withReference: false` (the student build) makes `problem-folders:reference.ts` an empty map.
 */
export function problemFolders(root?: string, options?: { withReference?: boolean }): Plugin;
