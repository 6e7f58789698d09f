// The problems' metadata (ids, titles, student files, TODO markers) without their engines: the
// extension host imports this, so activating the extension does not load tfjs.
import type { ProblemInfo } from '../problem';
import { scalingInfo } from './attention-scaling/meta';
import { beamSearchInfo } from './beam-search/meta';
import { kernelAttentionInfo } from './kernel-attention/meta';
import { zkcInfo } from './zkc/meta';
import { autoencodersInfo } from './autoencoders/meta';
import type { ProblemUi } from '../problemUi';
import { zkcUi } from './zkc/ui';
import { scalingUi } from './attention-scaling/ui';
import { kernelAttentionUi } from './kernel-attention/ui';
import { autoencodersUi } from './autoencoders/ui';
import { beamSearchUi } from './beam-search/ui';

export const problemCatalog: readonly ProblemInfo[] = [
  zkcInfo,
  scalingInfo,
  kernelAttentionInfo,
  autoencodersInfo,
  beamSearchInfo,
];

/** What the editor shows of each problem (its panel, marker notes, path settings). */
export const problemUis: readonly ProblemUi[] = [zkcUi, scalingUi, kernelAttentionUi, autoencodersUi, beamSearchUi];

/** The problem whose student file is `fileName` (a base name such as `q5_beam_search.ts`). */
export function problemInfoForFile(fileName: string): ProblemInfo | undefined {
  return problemCatalog.find((p) => p.studentFile === fileName);
}
