// Student side of problem 5's expectations: read from recordings the staff side made
// (expected.staff.ts, test/unit/beam-search/recorded.test.ts keeps them fresh), so the student
// build holds no beam search. Random trees are those of the recorded seed, whatever the run's seed.
import recording from '../../../../media/recorded-expected/beam-search.json';
// caseKey lives in cases.ts, not expected.ts: expected.ts re-exports this module, so a value imported
// from it would not exist yet when the line below runs (an import cycle in the student bundle)
import { caseKey } from './cases';
import type { BeamExpectations, BeamRecording } from './expected';

export const expectations: BeamExpectations = fromRecording(recording as BeamRecording);

export function fromRecording(r: BeamRecording): BeamExpectations {
  const beams = new Map(r.randomTrees.map((t) => [caseKey(t.case), t.beams]));
  return {
    caseSeed: () => r.seed,
    figure2KeptSets: () => r.figure2,
    finalBeams: (c) => {
      const found = beams.get(caseKey(c));
      if (!found) throw new Error(`no recorded beam for random tree ${caseKey(c)}`);
      return found;
    },
  };
}
