import type { Plugin } from 'esbuild';

/** Resolves `./x.staff` under src/core/problems to its `./x.student.ts` sibling. */
export function studentHalves(): Plugin;
