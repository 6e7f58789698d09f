// The student build's resolver for the checks' staff-only halves (esbuild.mjs; test/unit/extension/
// vsixSolutions.test.ts bundles the judge with it).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The student flavour's swap: a problem's staff-only half (`./expected.staff`, `./hidden.staff`: live
 * expectations and the hidden checks, code that amounts to a solution) resolves to its sibling
 * `.student.ts` (recorded expectations, no hidden checks). test/unit/core/flavours.test.ts holds the
 * pairs to the same exports.
 */
export function studentHalves() {
  return {
    name: 'student-halves',
    setup(build) {
      build.onResolve({ filter: /\.staff$/ }, (args) => {
        const target = join(args.resolveDir, args.path);
        if (!/src[\\/]core[\\/]problems[\\/]/.test(target)) return undefined;
        const swapped = `${target.replace(/\.staff$/, '.student')}.ts`;
        if (!existsSync(swapped))
          return { errors: [{ text: `${args.path} (in ${args.importer}) has no .student.ts` }] };
        return { path: swapped };
      });
    },
  };
}
