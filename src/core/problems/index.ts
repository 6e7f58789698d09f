// The registry of problems. Adding a problem is adding a folder and a line here.
import type { Problem } from '../problem';
import { scalingProblem } from './attention-scaling';
import { autoencodersProblem } from './autoencoders';
import { beamSearchProblem } from './beam-search';
import { kernelAttentionProblem } from './kernel-attention';
import { zkcProblem } from './zkc';

export const problems: readonly Problem<any>[] = [zkcProblem, scalingProblem, kernelAttentionProblem, autoencodersProblem, beamSearchProblem]; // eslint-disable-line @typescript-eslint/no-explicit-any

export function findProblem(id: string): Problem<any> | undefined { // eslint-disable-line @typescript-eslint/no-explicit-any
  return problems.find((p) => p.id === id);
}

/** The problem whose student file is `fileName` (a base name such as `q5_beam_search.ts`). */
export function problemForFile(fileName: string): Problem<any> | undefined { // eslint-disable-line @typescript-eslint/no-explicit-any
  return problems.find((p) => p.studentFile === fileName);
}
