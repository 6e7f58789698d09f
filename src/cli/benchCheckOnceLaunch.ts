// Entry of dist/checkOnceLaunch.js: dist/checkOnce.js started the way dist/cli.js starts the CLI, its
// run's first child (a reference run's: the lab's files only) begun before the bundle loads.
import { join } from 'node:path';
import { prestartChild } from './prestart';

prestartChild({ memoryMb: 2048 });
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(join(__dirname, 'checkOnce.js'));
