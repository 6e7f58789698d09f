import type { Plugin } from 'esbuild';
/** See watPlugin.mjs: `import kernel from './kernels/x.wat'` assembled by wabt at build time. */
export function watPlugin(): Plugin;
export function assembleWat(fileName: string, source: string): Promise<Uint8Array>;
export function withoutRelaxedMadd(source: string): string;
