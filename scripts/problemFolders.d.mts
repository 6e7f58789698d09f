import type { Plugin } from 'esbuild';
/** See problemFolders.mjs: the module behind `import modules from 'problem-folders:<file>'`. */
export function problemFolders(root?: string): Plugin;
