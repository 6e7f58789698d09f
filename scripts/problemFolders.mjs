// The esbuild plugin behind the problem registries (src/core/problems/{index,children,reports,references}.ts):
// `import modules from 'problem-folders:child.ts'` is a module that imports child.ts from every folder of
// src/core/problems that has one and exports their namespaces by folder name ({ zkc: …, … }). Adding a
// problem folder adds it to every registry, and no file outside the folder names it.
//
// Static imports, not a template-literal require: esbuild wraps a require()d module and everything it
// imports in a lazy initializer and then cannot drop their unused code, so the CLI grew by megabytes
// and evaluated all of mathjs and tfjs at start-up.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const PREFIX = 'problem-folders:';
const NAMESPACE = 'problem-folders';

/**
 * The plugin; `root` is the repository (esbuild's absWorkingDir, else the working directory).
 * `withReference: false` (the student build): `problem-folders:reference.ts` is an empty map, so no
 * reference module is bundled (src/core/problems/references.ts then has none).
 */
export function problemFolders(root, { withReference = true } = {}) {
  return {
    name: NAMESPACE,
    setup(build) {
      const dir = resolve(root ?? build.initialOptions.absWorkingDir ?? process.cwd(), 'src/core/problems');
      build.onResolve({ filter: /^problem-folders:/ }, (args) => ({
        path: args.path.slice(PREFIX.length),
        namespace: NAMESPACE,
      }));
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        if (args.path === 'reference.ts' && !withReference)
          return { contents: 'export default {};\n', resolveDir: dir, loader: 'js' };
        const ids = readdirSync(dir, { withFileTypes: true })
          .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, args.path)))
          .map((d) => d.name)
          .sort();
        const imports = ids.map((id, i) => `import * as m${i} from ${JSON.stringify(`./${id}/${args.path}`)};`);
        const entries = ids.map((id, i) => `${JSON.stringify(id)}: m${i}`);
        return {
          contents: `${imports.join('\n')}\nexport default { ${entries.join(', ')} };\n`,
          resolveDir: dir,
          loader: 'js',
          watchDirs: [dir],
        };
      });
    },
  };
}
