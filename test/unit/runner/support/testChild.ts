// A child process serving only the runner tests' toy problem (bundled by bundles.ts as testChild.js).
import { serveChild } from '../../../../src/runner/childProcess';
import { toyChild, TOY_ID } from './toyProblem';

serveChild((id) => (id === TOY_ID ? (toyChild as never) : undefined));
