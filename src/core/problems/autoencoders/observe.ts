// The `observe` task of problem 4's child: one call of a student function on wire arguments, and
// what the call left of its tensor arguments (disposed? changed in place?), which only the child can
// see. The judge's forward, noise and mask checks ask for it (checks.ts); harness.ts answers.

/** The task's name in ProblemChild.tasks. */
export const OBSERVE_TASK = 'observe';

/** The observed call's request: the student's export `name` under `marker`, on wire arguments. */
export interface ObserveInput {
  marker: string;
  name: 'decoderWidths' | 'forward' | 'reconstructionLoss' | 'addNoise' | 'maskInputs' | 'probeAccuracy';
  args: unknown[];
  /** Send back the values of the tensor arguments after the call (to see an input changed in place). */
  readInputs?: boolean;
}

/** What the call returned (wire data) and the state of its tensor arguments afterwards, in argument order. */
export interface ObservedCall {
  value: unknown;
  /** The function returned a Promise (an async function): `value` is then undefined. */
  promise?: true;
  inputs: { disposed: boolean; values?: Float32Array }[];
}
