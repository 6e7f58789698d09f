// The shape of a Q1 solution (the student's q1_zkc.ts or reference.ts), read from a module's exports.
import type * as tf from '@tensorflow/tfjs-core';
import type { LayerGradients, NetworkPass, TrainStepResult, ZkcData, ZkcParams } from './helpers';
import { requireFunction } from '../../problem';
import { MARKERS, zkcInfo } from './meta';

export interface ZkcSolution {
  addSelfLoops(a: tf.Tensor2D): tf.Tensor2D;
  normalizeAdjacency(aTilde: tf.Tensor2D): tf.Tensor2D;
  nodeFeatures(nodeCount: number): tf.Tensor2D;
  gcnForward(aHat: tf.Tensor2D, hIn: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D;
  gcnBackward(
    aHat: tf.Tensor2D,
    hIn: tf.Tensor2D,
    h: tf.Tensor2D,
    w: tf.Tensor2D,
    g: tf.Tensor2D,
    n: number,
    lambda: number,
  ): LayerGradients;
  networkPass(params: ZkcParams, data: ZkcData): NetworkPass;
  trainStep(params: ZkcParams, data: ZkcData, learningRate: number): TrainStepResult;
}

const EXPORTS: [keyof ZkcSolution, string][] = [
  ['addSelfLoops', MARKERS.selfLoops],
  ['normalizeAdjacency', MARKERS.normalize],
  ['nodeFeatures', MARKERS.features],
  ['gcnForward', MARKERS.gcnForward],
  ['gcnBackward', MARKERS.gcnBackward],
  ['networkPass', MARKERS.network],
  ['trainStep', MARKERS.train],
];

export function zkcSolutionFrom(exports: Record<string, unknown>): ZkcSolution {
  return Object.fromEntries(
    EXPORTS.map(([name, marker]) => [name, requireFunction(exports, name, zkcInfo.studentFile, marker)]),
  ) as unknown as ZkcSolution;
}
