// The workspace declarations q4_autoencoders.ts needs, until the shipped ones have them (the lead
// owns media/workspace/types and src/core/helpers): the template and the reference type-check with
// these written beside the shipped declarations. Ambient modules merge, and every piece is an
// interface or an overload, so they stay harmless once the shipped files declare the same.
export const HW6_LAB_Q4 = `declare module "hw6-lab" {
  import type * as tf from "@tensorflow/tfjs";
  /** One dense layer, y = x·w + b (x is batch × in, w is in × out). */
  export interface DenseLayer {
    w: tf.Tensor2D;
    b: tf.Tensor1D;
  }
  /** The autoencoder's layers, built and trained by the lab: encoder in → … → k, decoder k → … → in. */
  export interface AutoencoderParams {
    encoder: DenseLayer[];
    decoder: DenseLayer[];
    activation: "linear" | "relu";
  }
  /** What forward returns: the bottleneck code (batch × k) and the reconstruction (batch × in). */
  export interface AutoencoderOutput {
    code: tf.Tensor2D;
    reconstruction: tf.Tensor2D;
  }
}
`;

export const TFJS_Q4 = `declare module "@tensorflow/tfjs" {
  // Random numbers (pass a seed for reproducible draws)
  export function randomNormal<R extends Rank>(shape: number[], mean?: number, stdDev?: number, dtype?: "float32" | "int32", seed?: number): Tensor<R>;
  export function randomUniform<R extends Rank>(shape: number[], minval?: number, maxval?: number, dtype?: DataType, seed?: number | string): Tensor<R>;
  // Comparisons (bool tensors) and casts
  export function greater<T extends Tensor>(a: Tensor | TensorLike, b: Tensor | TensorLike): T;
  export function greaterEqual<T extends Tensor>(a: Tensor | TensorLike, b: Tensor | TensorLike): T;
  export function less<T extends Tensor>(a: Tensor | TensorLike, b: Tensor | TensorLike): T;
  export function lessEqual<T extends Tensor>(a: Tensor | TensorLike, b: Tensor | TensorLike): T;
  export function equal<T extends Tensor>(a: Tensor | TensorLike, b: Tensor | TensorLike): T;
  export function where<T extends Tensor>(condition: Tensor | TensorLike, a: T | TensorLike, b: T | TensorLike): T;
  export function cast<T extends Tensor>(x: T | TensorLike, dtype: DataType): T;
  export function zerosLike<T extends Tensor>(x: T | TensorLike): T;
  export function onesLike<T extends Tensor>(x: T | TensorLike): T;
}
`;

/** The declaration files to write into a fresh workspace copy (empty once the shipped ones declare Q4's types). */
export function pendingDeclarations(shippedHw6Lab: string): Record<string, string> {
  return shippedHw6Lab.includes('AutoencoderParams') ? {} : { 'types/hw6-lab-q4.d.ts': HW6_LAB_Q4, 'types/tfjs-q4.d.ts': TFJS_Q4 };
}
