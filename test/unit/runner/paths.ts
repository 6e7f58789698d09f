// Repository paths for the runner and CLI tests, independent of the directory mocha runs in.
import { join } from 'node:path';
import { repoRoot } from '../support/repo';

export { repoRoot };

export const FIXTURES = join(repoRoot(), 'test', 'fixtures', 'runner');
