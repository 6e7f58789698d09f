// Problem 5, the child's half: runs the student's beamSearch(step, k, T). The run shows it on the
// Figure 2 tree and on a character model trained here; the judge's checks call it on trees it
// names (`callbacks` rebuild their step functions here) and judge what comes back themselves.
import type { ProblemChild, RunContext } from '../../problem';
import { callStudent, requireFunction } from '../../problem';
import { yieldToEventLoop } from '../../engine/cancel';
import type { StepFn } from './stepFn';
import { aliceChapterOne } from '../../data/alice';
import { FIGURE2, figure2Step, treeStep } from './figure2';
import { randomTreeStep } from './randomTree';
import { figure2Trace, traceTooLarge } from './panelTrace';
import { exhaustiveSearch, greedyDecode } from './search';
import { ASYNC_RESULT, plainResult, shapeProblem } from './shape';
import { beamSearchInfo, MARKER } from './meta';
import { defaultConfig, MAX_CHAR_K, MAX_CHAR_T, MAX_PROMPT_LENGTH, type BeamSearchConfig } from './config';
import {
  charModelStep,
  encode,
  normalizeText,
  trainCharModel,
  type CharModelConfig,
  type TrainedCharModel,
} from './charModel';
import { detokenize, type BeamResult, type BeamTrace, type Hypothesis } from './trace';

export type BeamSearchFn = (step: StepFn, k: number, T: number) => BeamResult;

export interface BeamSearchSolution {
  beamSearch: BeamSearchFn;
}

/** Widths every character-model run decodes with, besides the configured one. */
const CHAR_MODEL_WIDTHS = [1, 2, 4, 8];
/** The character model's trace gets an exhaustive overlay only when M^T is at most this. */
const EXHAUSTIVE_LIMIT = 20_000;
const STUDENT_FILE = beamSearchInfo.studentFile;

export const beamSearchChild: ProblemChild<BeamSearchSolution, BeamSearchConfig> = {
  id: beamSearchInfo.id,
  solutionFrom(exports) {
    const beamSearch = requireFunction<BeamSearchFn>(exports, 'beamSearch', STUDENT_FILE, MARKER);
    return { beamSearch: synchronous(beamSearch) };
  },
  async run(ctx, solution) {
    const figure2 = runFigure2(ctx, solution);
    ctx.emit({ type: 'progress', fraction: 0.05, message: 'Figure 2 decoded; training the character model' });
    const charModel = await runCharModel(ctx, solution);
    return { metrics: { figure2, charModel } };
  },
  callbacks: {
    /** The Figure 2 tree (a fresh step function per call). */
    figure2: () => treeStep(FIGURE2),
    /** A seeded random tree: { seed, M, ties? }. */
    randomTree: (spec) => randomTreeStep(randomTreeSpec(spec)),
  },
};

/**
 * The student's function, with a Promise it returns (an async beamSearch) replaced by ASYNC_RESULT:
 * a Promise cannot cross to the judge, and one that rejects must not go unhandled in the child.
 */
function synchronous(beamSearch: BeamSearchFn): BeamSearchFn {
  return (step, k, T) => {
    const value: unknown = beamSearch(step, k, T);
    if (value instanceof Promise) {
      value.catch(() => undefined);
      return ASYNC_RESULT as unknown as BeamResult;
    }
    return value as BeamResult;
  };
}

function randomTreeSpec(spec: unknown): { seed: number; M: number; ties?: boolean } {
  const { seed, M, ties } = (spec ?? {}) as { seed?: unknown; M?: unknown; ties?: unknown };
  if (
    typeof seed !== 'number' ||
    !Number.isInteger(seed) ||
    typeof M !== 'number' ||
    !Number.isInteger(M) ||
    M < 1 ||
    M > 1000
  ) {
    throw new RangeError(
      `A random tree needs an integer seed and a vocabulary size M from 1 to 1000 (got ${JSON.stringify(spec)}).`,
    );
  }
  return ties === true ? { seed, M, ties } : { seed, M };
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * Calls the student's beamSearch; a malformed result is logged and reported as undefined. A result
 * that passes is copied to plain data (the fields shapeProblem checked) before anything draws it.
 */
function decode(
  ctx: RunContext<BeamSearchConfig>,
  solution: BeamSearchSolution,
  step: StepFn,
  k: number,
  T: number,
  M: number,
  what: string,
): BeamResult | undefined {
  const value = callStudent(MARKER, () => solution.beamSearch(step, k, T));
  // the value's getters, if it has any, are the student's code: so is what they throw
  let problem = callStudent(MARKER, () => shapeProblem(value, { k, T, M }));
  let result: BeamResult | undefined;
  if (!problem) {
    result = callStudent(MARKER, () => plainResult(value));
    problem = shapeProblem(result, { k, T, M }); // a getter that answered differently the second time
  }
  if (!problem) return result;
  ctx.emit({
    type: 'log',
    level: 'warn',
    message: `${what}: beamSearch returned a malformed result (see q5.shape): ${problem}`,
  });
  return undefined;
}

/** Emits a trace for the panel, unless it is too large to send and draw. */
function emitTrace(ctx: RunContext<BeamSearchConfig>, trace: BeamTrace, what: string): void {
  const tooLarge = traceTooLarge(trace);
  if (tooLarge) {
    ctx.emit({ type: 'log', level: 'warn', message: `${what}: the beam trace is not drawn: ${tooLarge}.` });
    return;
  }
  ctx.emit({ type: 'artifact', artifact: { kind: 'beam-trace', trace } });
}

function runFigure2(ctx: RunContext<BeamSearchConfig>, solution: BeamSearchSolution): Record<string, unknown> {
  const { vocab, depth } = FIGURE2;
  const k = positiveInteger(ctx.config.k, 'k');
  const T = Math.min(positiveInteger(ctx.config.T, 'T'), depth);
  if (T < ctx.config.T)
    ctx.emit({
      type: 'log',
      level: 'warn',
      message: `Figure 2 has depth ${depth}: decoding with T = ${T} instead of ${ctx.config.T}.`,
    });
  const result = decode(ctx, solution, figure2Step, k, T, vocab.length, 'Figure 2');
  if (!result) return { error: 'beamSearch returned a malformed result (see q5.shape)' };
  const trace = figure2Trace(result, k, T);
  const greedy = trace.greedy!;
  const exhaustive = trace.exhaustive!;
  emitTrace(ctx, trace, 'Figure 2');
  const entry = (h: Hypothesis): { sequence: string; score: number } => ({
    sequence: detokenize(h.tokens, vocab),
    score: round(h.score),
  });
  const kept = Object.fromEntries(
    result.trace.map((s) => [
      String(s.t),
      s.candidates
        .filter((c) => c.kept)
        .sort((a, b) => b.score - a.score)
        .map(entry),
    ]),
  );
  return {
    k,
    T,
    kept,
    best: detokenize(result.beams[0]!.tokens, vocab),
    bestScore: round(result.beams[0]!.score),
    exhaustiveBest: detokenize(exhaustive.tokens, vocab),
    exhaustiveBestScore: round(exhaustive.score),
    greedyBest: detokenize(greedy.tokens, vocab),
    greedyBestScore: round(greedy.score),
  };
}

async function runCharModel(
  ctx: RunContext<BeamSearchConfig>,
  solution: BeamSearchSolution,
): Promise<Record<string, unknown>> {
  // A caller may override only some charModel fields: fill the rest from the defaults.
  const cfg: CharModelConfig = { ...defaultConfig(ctx.config.quick).charModel, ...ctx.config.charModel };
  const T = positiveInteger(cfg.T, 'charModel.T', MAX_CHAR_T);
  const panelK = positiveInteger(cfg.k, 'charModel.k', MAX_CHAR_K);
  for (const name of ['epochs', 'context', 'embed', 'hidden', 'batchSize'] as const)
    positiveInteger(cfg[name], `charModel.${name}`);
  if (!(cfg.learningRate > 0 && Number.isFinite(cfg.learningRate)))
    throw new RangeError(
      `Beam search config: charModel.learningRate must be a positive number (got ${String(cfg.learningRate)}).`,
    );
  if (typeof cfg.prompt !== 'string') throw new RangeError('Beam search config: charModel.prompt must be a string.');
  if (cfg.prompt.length > MAX_PROMPT_LENGTH)
    throw new RangeError(
      `Beam search config: charModel.prompt must have at most ${MAX_PROMPT_LENGTH} characters (got ${cfg.prompt.length}).`,
    );
  const model = await trainedCharModel(ctx, cfg);
  const prompt = normalizeText(cfg.prompt);
  const { tokens: promptTokens, dropped } = encode(prompt, model.vocab);
  if (dropped)
    ctx.emit({
      type: 'log',
      level: 'warn',
      message: `The prompt has ${dropped} character(s) outside the model's vocabulary; they were left out.`,
    });
  const promptText = detokenize(promptTokens, model.vocab);
  const step = charModelStep(model, promptTokens);
  const M = model.vocab.length;
  const widths = [...new Set([...CHAR_MODEL_WIDTHS, panelK])].sort((a, b) => a - b);

  const decodes: { k: number; text: string; logProb: number }[] = [];
  for (const [i, k] of widths.entries()) {
    ctx.signal.throwIfCancelled();
    const what = `Character model, k = ${k}`;
    const result = decode(ctx, solution, step, k, T, M, what);
    ctx.emit({
      type: 'progress',
      fraction: 0.75 + (0.1 * (i + 1)) / widths.length,
      message: `Character model: decoded with k = ${k}`,
    });
    if (!result) continue;
    const best = result.beams[0]!;
    decodes.push({ k, text: promptText + detokenize(best.tokens, model.vocab), logProb: round(best.score) });
    if (k === panelK) {
      const trace: BeamTrace = {
        title: `Character model: beam search with k = ${k}, T = ${T}, after "${promptText}"`,
        source: `character MLP (context ${model.context}) trained on ${aliceChapterOne.title}, ${aliceChapterOne.author}`,
        vocab: model.vocab,
        k,
        T,
        steps: result.trace,
        final: result.beams,
        greedy: greedyDecode(step, T),
        ...(M ** T <= EXHAUSTIVE_LIMIT ? { exhaustive: exhaustiveSearch(step, T, EXHAUSTIVE_LIMIT)[0]! } : {}),
      };
      emitTrace(ctx, trace, what);
    }
    await yieldToEventLoop();
  }
  ctx.emit({
    type: 'artifact',
    artifact: {
      kind: 'table',
      title: `Character model: best continuation of "${promptText}" by beam width`,
      columns: ['k', 'text', 'log p'],
      rows: decodes.map((d) => [d.k, d.text, d.logProb]),
    },
  });
  return {
    vocabSize: M,
    finalLoss: round(model.losses[model.losses.length - 1] ?? NaN),
    losses: model.losses.map(round),
    prompt: promptText,
    T,
    decodes,
  };
}

/**
 * Models trained in this process, by seed and training settings: training is deterministic, so a
 * re-run that changes only k, T or the prompt (the panel's controls) reuses the model instead of
 * training it again. Plain arrays only, no tensors; a few entries at most. (A cache of the run's
 * own work, not something the checks read: they only see what the judge asks for.)
 */
const trainedModels = new Map<string, TrainedCharModel>();
const TRAINED_MODELS_KEPT = 4;

async function trainedCharModel(ctx: RunContext<BeamSearchConfig>, cfg: CharModelConfig): Promise<TrainedCharModel> {
  const { epochs, context, embed, hidden, batchSize, learningRate } = cfg;
  const key = JSON.stringify([ctx.config.seed, epochs, context, embed, hidden, batchSize, learningRate]);
  const progress = (epoch: number, loss: number): void => {
    // a diverged loss (NaN) is no metric the judge takes: the progress message still shows it
    if (Number.isFinite(loss)) ctx.emit({ type: 'metric', name: 'charModel.loss', step: epoch + 1, value: loss });
    ctx.emit({
      type: 'progress',
      fraction: 0.05 + (0.7 * (epoch + 1)) / epochs,
      message: `Character model: epoch ${epoch + 1}/${epochs}, loss ${loss.toFixed(3)}`,
    });
  };
  const cached = trainedModels.get(key);
  if (cached) {
    ctx.emit({
      type: 'log',
      level: 'info',
      message: 'Character model: reusing the model trained earlier with the same seed and settings.',
    });
    cached.losses.forEach((loss, epoch) => progress(epoch, loss));
    return cached;
  }
  const model = await trainCharModel(normalizeText(aliceChapterOne.text), cfg, ctx.rng.fork(1), {
    signal: ctx.signal,
    async onEpoch(epoch, loss) {
      progress(epoch, loss);
      await yieldToEventLoop();
    },
  });
  trainedModels.set(key, model);
  if (trainedModels.size > TRAINED_MODELS_KEPT) trainedModels.delete(trainedModels.keys().next().value!);
  return model;
}

function positiveInteger(value: unknown, name: string, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    const range = max === Infinity ? 'a positive integer' : `an integer from 1 to ${max}`;
    throw new RangeError(`Beam search config: ${name} must be ${range} (got ${String(value)}).`);
  }
  return value;
}
