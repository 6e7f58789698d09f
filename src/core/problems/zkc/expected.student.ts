// Student side of Q1's expectations: read from the recording the staff side made (expected.staff.ts;
// test/unit/zkc/recorded.test.ts keeps it fresh), so the student build's judge holds no float64 GCN.
// The check inputs are the recorded seed's; a training is replayed only at the recorded settings
// (checks.ts then says the curve comparison needs them).
import recording from '../../../../media/recorded-expected/zkc.json';
import type { ParameterName } from './checkSetup';
import type { ZkcTrainConfig } from './config';
import type { ZkcExpectations, ZkcRecording } from './expected';
import { matrix } from './matrix';
import { unpackRuns } from './runs';

export const expectations: ZkcExpectations = fromRecording(recording as ZkcRecording);

export function fromRecording(r: ZkcRecording): ZkcExpectations {
  const m = (p: ZkcRecording['network']['l1']) => matrix(p.rows, p.cols, unpackRuns(p.data));
  const at = <T>(seed: number, value: () => T): T => {
    if (seed !== r.seed) throw new Error(`no recorded Q1 values for seed ${seed}`);
    return value();
  };
  const recordedFor = (c: ZkcTrainConfig): boolean =>
    c.seed === r.training.seed &&
    c.weighted === r.training.weighted &&
    c.learningRate === r.training.learningRate &&
    c.lambda === r.training.lambda;
  return {
    dataSeed: () => r.seed,
    aHat: () => unpackRuns(r.aHat),
    network: (seed) =>
      at(seed, () => {
        const { l1, l2, p, grads } = r.network;
        const unpacked = Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, unpackRuns(g)]));
        return { l1: m(l1), l2: m(l2), p: m(p), grads: unpacked as Record<ParameterName, Float64Array> };
      }),
    amplifiedBackward: (seed) =>
      at(seed, () => {
        const b = r.amplifiedBackward;
        return {
          rms: b.rms,
          l1: m(b.l1),
          l2: m(b.l2),
          upstream2: m(b.upstream2),
          layer1: { dW: m(b.layer1.dW), gIn: m(b.layer1.gIn) },
          layer2: { dW: m(b.layer2.dW), gIn: m(b.layer2.gIn) },
        };
      }),
    centralDifferences: (seed) => at(seed, () => r.centralDifferences),
    replay: (config, epochs) => {
      const recorded = r.training.replays[config.maskMode];
      if (!recorded || !recordedFor(config)) return undefined;
      const testAccuracy = unpackRuns(recorded.testAccuracy);
      if (!(epochs >= 1 && epochs <= testAccuracy.length)) return undefined;
      const trainLoss = unpackRuns(recorded.trainLoss);
      return {
        trainLoss: trainLoss.slice(0, Math.min(trainLoss.length, epochs)),
        testAccuracy: testAccuracy[epochs - 1]!,
      };
    },
  };
}
