// Problem 4's check inputs as the judge holds them: dense layers in float64 (float32-representable
// values, so the student's tensors hold exactly these numbers).
import type { Activation } from './solution';

export interface Layer64 {
  w: Float64Array; // in × out, row-major
  b: Float64Array;
  in: number;
  out: number;
}

export interface Params64 {
  encoder: Layer64[];
  decoder: Layer64[];
  activation: Activation;
}

/** An autoencoder's outputs on a batch: the code and the reconstruction. */
export interface Forward64 {
  code: Float64Array;
  reconstruction: Float64Array;
}
