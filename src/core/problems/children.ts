// The registry of the problems' child halves: what dist/child.js (and a panel that runs code) can
// run. Never the reference solutions or the checks (problems/index.ts has the judge halves).
import type { ProblemChild, ProblemConfig } from '../problem';
import { zkcChild } from './zkc/child';
import { scalingChild } from './attention-scaling/child';
import { kernelAttentionChild } from './kernel-attention/child';
import { autoencodersChild } from './autoencoders/child';
import { beamSearchChild } from './beam-search/child';

type AnyChild = ProblemChild<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const problemChildren: readonly AnyChild[] = [zkcChild, scalingChild, kernelAttentionChild, autoencodersChild, beamSearchChild];

export function findProblemChild(id: string): ProblemChild<unknown, ProblemConfig> | undefined {
  return problemChildren.find((c) => c.id === id);
}
