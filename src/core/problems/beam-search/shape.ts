// Validates what a student's beamSearch returned before anything reads it, so a malformed result
// becomes a precise finding ("trace[1].candidates[3].score is NaN") instead of a crash. The judge
// runs it on the wire data the child sent back; the child's run, on the value before it draws it.
import type { BeamResult } from './trace';

/**
 * What the child sends in place of a Promise (an async beamSearch): a Promise crosses the boundary
 * as an empty object, and the judge still has to say why the result is not { beams, trace }.
 */
export const ASYNC_RESULT = Object.freeze({ $promise: true as const });

function isAsyncResult(value: unknown): boolean {
  if (value instanceof Promise) {
    value.catch(() => undefined); // an async beamSearch that throws must not become an unhandled rejection
    return true;
  }
  return isObject(value) && value.$promise === true && Object.keys(value).length === 1;
}

export interface ExpectedShape {
  k: number;
  T: number;
  /** Vocabulary size. */
  M: number;
}

/** Describes the first way `value` is not a BeamResult for (k, T, M); undefined when it is one. */
export function shapeProblem(value: unknown, { k, T, M }: ExpectedShape): string | undefined {
  if (isAsyncResult(value)) {
    return 'beamSearch returned a Promise: it must return { beams, trace } directly (do not make it async).';
  }
  if (!isObject(value)) return `beamSearch must return an object { beams, trace }, but it returned ${describe(value)}.`;
  const { beams, trace } = value;
  if (!Array.isArray(beams))
    return `The result's \`beams\` must be an array of hypotheses, but it is ${describe(beams)}.`;
  if (!Array.isArray(trace))
    return `The result's \`trace\` must be an array with one step per time step, but it is ${describe(trace)}.`;
  const expectedBeams = Math.min(k, M ** T);
  if (beams.length !== expectedBeams) {
    return `\`beams\` should hold min(k, M^T) = ${expectedBeams} hypotheses (k = ${k}, M = ${M}, T = ${T}), but it holds ${beams.length}.`;
  }
  for (let i = 0; i < beams.length; i++) {
    const problem = hypothesisProblem(beams[i], T, M, `beams[${i}]`);
    if (problem) return problem;
  }
  if (trace.length !== T)
    return `\`trace\` should hold one step per time step (T = ${T}), but it holds ${trace.length}.`;
  for (let i = 0; i < trace.length; i++) {
    const step: unknown = trace[i];
    const where = `trace[${i}]`;
    if (!isObject(step)) return `${where} must be an object { t, candidates }, but it is ${describe(step)}.`;
    if (step.t !== i + 1)
      return `${where}.t should be ${i + 1} (steps are numbered from 1), but it is ${describe(step.t)}.`;
    if (!Array.isArray(step.candidates))
      return `${where}.candidates must be an array, but it is ${describe(step.candidates)}.`;
    for (let j = 0; j < step.candidates.length; j++) {
      const candidate: unknown = step.candidates[j];
      const problem = hypothesisProblem(candidate, i + 1, M, `${where}.candidates[${j}]`);
      if (problem) return problem;
      if (typeof (candidate as Record<string, unknown>).kept !== 'boolean') {
        return `${where}.candidates[${j}].kept must be true or false, but it is ${describe((candidate as Record<string, unknown>).kept)}.`;
      }
    }
  }
  return undefined;
}

/** Narrows after shapeProblem returned undefined. */
export function asBeamResult(value: unknown): BeamResult {
  return value as BeamResult;
}

/**
 * A copy of a result shapeProblem accepted, made of the fields it checked only (plain arrays and
 * objects, no getters, no extra keys). Reads the student's objects: call it as student code.
 */
export function plainResult(value: BeamResult): BeamResult {
  return {
    beams: Array.from(value.beams, (h) => ({ tokens: Array.from(h.tokens), score: h.score })),
    trace: Array.from(value.trace, (s) => ({
      t: s.t,
      candidates: Array.from(s.candidates, (c) => ({ tokens: Array.from(c.tokens), score: c.score, kept: c.kept })),
    })),
  };
}

function hypothesisProblem(value: unknown, length: number, M: number, where: string): string | undefined {
  if (!isObject(value)) return `${where} must be an object { tokens, score }, but it is ${describe(value)}.`;
  const { tokens, score } = value;
  if (!Array.isArray(tokens)) return `${where}.tokens must be an array of token ids, but it is ${describe(tokens)}.`;
  if (tokens.length !== length)
    return `${where}.tokens should hold ${length} token id(s), but it holds ${tokens.length}.`;
  const bad = tokens.findIndex((t) => !Number.isInteger(t) || t < 0 || t >= M);
  if (bad >= 0)
    return `${where}.tokens[${bad}] should be a token id from 0 to ${M - 1}, but it is ${describe(tokens[bad])}.`;
  if (typeof score !== 'number') return `${where}.score must be a number, but it is ${describe(score)}.`;
  if (Number.isNaN(score)) return `${where}.score is NaN (a log-probability sum must be a finite number).`;
  if (!Number.isFinite(score)) return `${where}.score is ${score} (a log-probability sum must be a finite number).`;
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined (missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} (use a plain array)`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
