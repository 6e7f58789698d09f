// Problem 4's option of `hw6-lab run`: its image data from a folder of IDX files, as the settings
// hw6.autoencoders.imageData "idx" and hw6.autoencoders.idxDir give it in the editor.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ProblemCliOption } from '../../cliOption';
import type { AutoencodersConfig } from './config';

export const cliOptions: ProblemCliOption[] = [
  {
    flags: '--idx-dir <dir>',
    description:
      'take the image data from this folder of IDX files (full MNIST or Fashion-MNIST: train-/t10k-images-idx3-ubyte and -labels-idx1-ubyte, plain or .gz) instead of the embedded 10k MNIST digits; the settings hw6.autoencoders.imageData "idx" and idxDir',
    config(value): Pick<AutoencodersConfig, 'imageData' | 'idxDir'> {
      // relative to the current folder, as every path the CLI takes
      const dir = resolve(value);
      if (!existsSync(dir) || !statSync(dir).isDirectory())
        throw new Error(`--idx-dir: the folder ${dir} does not exist.`);
      return { imageData: 'idx', idxDir: dir };
    },
  },
];
