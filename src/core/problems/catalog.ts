// The problems' metadata (ids, titles, student files, TODO markers) without their engines: the
// extension host imports this, so activating the extension does not load tfjs.
import type { ProblemInfo } from '../problem';
import { scalingInfo } from './attention-scaling/meta';
import { beamSearchInfo } from './beam-search/meta';
import { kernelAttentionInfo } from './kernel-attention/meta';
import { zkcInfo } from './zkc/meta';
import { autoencodersInfo } from './autoencoders/meta';

export const problemCatalog: readonly ProblemInfo[] = [
  zkcInfo,
  scalingInfo,
  kernelAttentionInfo,
  autoencodersInfo,
  beamSearchInfo,
];

/** The problem whose student file is `fileName` (a base name such as `q5_beam_search.ts`). */
export function problemInfoForFile(fileName: string): ProblemInfo | undefined {
  return problemCatalog.find((p) => p.studentFile === fileName);
}
