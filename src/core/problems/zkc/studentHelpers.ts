// What a problem 1 file imports from "hw6-lab" (assembled by src/core/helpers; declared to students
// in media/workspace/types/hw6-lab.d.ts). The reference solution imports it as a student's file does.
export type {
  ZkcParams,
  ZkcGradients,
  ZkcData,
  LayerGradients,
  SoftmaxGradients,
  NetworkPass,
  TrainStepResult,
} from './helpers';
export { softmaxForward, softmaxBackward, gradientDescent, numericGradientCheck } from './helpers';
