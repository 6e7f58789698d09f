// What esbuild puts into a bundle of `entry`, built as esbuild.mjs builds the node bundles, from its
// own account (the metafile): every input it read, and the bytes each left in the output (0 for
// code it dropped as unused).
import * as esbuild from 'esbuild';
import { problemFolders } from '../../../../scripts/problemFolders.mjs';
import { watPlugin } from '../../../../scripts/watPlugin.mjs';
import { repoRoot } from '../paths';

export async function bundleInputs(entry: string): Promise<{ file: string; bytes: number }[]> {
  const result = await esbuild.build({
    absWorkingDir: repoRoot(),
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    metafile: true,
    outdir: 'out/metafile-probe',
    external: ['vscode'],
    logLevel: 'silent',
    plugins: [problemFolders(), watPlugin()],
  });
  const [output] = Object.values(result.metafile.outputs).filter((o) => o.entryPoint);
  return Object.entries(output!.inputs).map(([file, i]) => ({ file, bytes: i.bytesInOutput }));
}
