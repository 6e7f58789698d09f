// Problem 5: beam search, the judge's half. The student writes beamSearch(step, k, T); the child
// (child.ts) runs it on the Figure 2 tree and on a character model trained there, and the checks
// (checks.ts) call it in the child on Figure 2 and on seeded random trees, and compare what comes
// back with exhaustive enumeration computed here.
import type { Problem } from '../../problem';
import { checkAnswers } from '../../answers';
import { checkBeamSearch } from './checks';
import { hiddenChecks } from './hidden';
import { isGradingRun } from '../grading';
import { searchTruth } from './answerTruth';
import { beamSearchInfo } from './meta';
import { defaultConfig, type BeamSearchConfig } from './config';
import { beamSearchArtifactSchemas } from './schemas';

export type { BeamSearchConfig } from './config';

export const beamSearchProblem: Problem<BeamSearchConfig> = {
  ...beamSearchInfo,
  defaultConfig,
  // the checks need nothing from the run (they call beamSearch themselves): no record
  artifactSchemas: beamSearchArtifactSchemas,
  async checks(ctx) {
    return [
      ...(await checkBeamSearch(ctx.child, ctx.config.seed)),
      ...(isGradingRun(ctx.config) ? await hiddenChecks(ctx.child, ctx.config.seed) : []),
      ...checkAnswers(ctx.answers, beamSearchInfo.answerIds!, {
        revealAnswers: ctx.config.revealAnswers,
        search: searchTruth(),
      }),
    ];
  },
};
