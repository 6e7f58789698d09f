// A student's q4_autoencoders.ts module as an AutoencoderSolution: every export the harness calls
// must be a function (a ShapeError names the missing one and its TODO marker).
import { requireFunction } from '../../problem';
import { autoencodersInfo, MARKERS } from './meta';
import type { AutoencoderSolution } from './solution';

/** Each export and the marker of the TODO it is written under. */
export const EXPORT_MARKERS: readonly [keyof AutoencoderSolution, string][] = [
  ['decoderWidths', MARKERS.decoder],
  ['forward', MARKERS.forward],
  ['reconstructionLoss', MARKERS.loss],
  ['addNoise', MARKERS.denoise],
  ['maskInputs', MARKERS.mask],
  ['probeAccuracy', MARKERS.probe],
];

export function autoencoderSolutionFrom(exports: Record<string, unknown>): AutoencoderSolution {
  return Object.fromEntries(
    EXPORT_MARKERS.map(([name, marker]) => [
      name,
      requireFunction(exports, name, autoencodersInfo.studentFile, marker),
    ]),
  ) as unknown as AutoencoderSolution;
}
