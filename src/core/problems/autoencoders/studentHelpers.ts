// What a problem 4 file imports from "hw6-lab" (assembled by src/core/helpers; declared to students
// in media/workspace/types/hw6-lab.d.ts): types only.
export type { DenseLayer, AutoencoderParams, AutoencoderOutput } from './solution';
