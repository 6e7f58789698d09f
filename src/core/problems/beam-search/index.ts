// Problem 5: beam search. The student writes beamSearch(step, k, T); the run shows it on the
// Figure 2 tree and on a character model trained here, and the checks compare it with exhaustive
// enumeration on Figure 2 and on seeded random trees.
import type { Problem, ProblemConfig, RunContext } from '../../problem';
import { callStudent, requireFunction } from '../../problem';
import { yieldToEventLoop } from '../../engine/cancel';
import type { StepFn } from '../../helpers';
import { aliceChapterOne } from '../../data/alice';
import { FIGURE2, figure2Step } from './figure2';
import { figure2Trace } from './figure2Trace';
import { beamSearch } from './reference';
import { exhaustiveSearch, greedyDecode } from './search';
import { shapeProblem, asBeamResult } from './shape';
import { checkBeamSearch, type BeamSearchFn } from './checks';
import { checkAnswers } from '../../answers';
import { searchTruth } from './answerTruth';
import { beamSearchInfo, MARKER } from './meta';
import { charModelStep, encode, normalizeText, trainCharModel, type CharModelConfig, type TrainedCharModel } from './charModel';
import { detokenize, type BeamResult, type BeamTrace, type Hypothesis } from './trace';

export interface BeamSearchSolution {
  beamSearch: BeamSearchFn;
}

export interface BeamSearchConfig extends ProblemConfig {
  /** Beam width and length for the Figure 2 demo (T is at most the tree's depth, 3). */
  k: number;
  T: number;
  charModel: CharModelConfig;
}

/** Widths every character-model run decodes with, besides the configured one. */
const CHAR_MODEL_WIDTHS = [1, 2, 4, 8];
/** The character model's trace gets an exhaustive overlay only when M^T is at most this. */
const EXHAUSTIVE_LIMIT = 20_000;
/** Bounds that keep the character model's trace small enough to send to and draw in the panel. */
const MAX_CHAR_K = 32;
const MAX_CHAR_T = 100;
const STUDENT_FILE = beamSearchInfo.studentFile;

function defaultConfig(quick: boolean): BeamSearchConfig {
  return {
    seed: 0,
    quick,
    k: 2,
    T: 3,
    charModel: {
      k: 4,
      T: quick ? 16 : 32,
      prompt: 'alice was ',
      epochs: quick ? 6 : 15,
      context: 8,
      embed: 16,
      hidden: 128,
      batchSize: 128,
      learningRate: 0.01,
    },
  };
}

export const beamSearchProblem: Problem<BeamSearchSolution, BeamSearchConfig> = {
  ...beamSearchInfo,
  defaultConfig,
  reference: { beamSearch },
  solutionFrom: (exports) => ({ beamSearch: requireFunction<BeamSearchFn>(exports, 'beamSearch', STUDENT_FILE, MARKER) }),
  async run(ctx, solution) {
    const figure2 = runFigure2(ctx, solution);
    ctx.emit({ type: 'progress', fraction: 0.05, message: 'Figure 2 decoded; training the character model' });
    const charModel = await runCharModel(ctx, solution);
    return { figure2, charModel };
  },
  async checks(ctx, solution) {
    return [
      ...checkBeamSearch(solution.beamSearch, ctx.config.seed),
      ...checkAnswers(ctx.answers, beamSearchInfo.answerIds!, { revealAnswers: ctx.config.revealAnswers, search: searchTruth() }),
    ];
  },
};

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Calls the student's beamSearch; a malformed result is logged and reported as undefined. */
function decode(ctx: RunContext<BeamSearchConfig>, solution: BeamSearchSolution, step: StepFn, k: number, T: number, M: number, what: string): BeamResult | undefined {
  const value = callStudent(MARKER, () => solution.beamSearch(step, k, T));
  const problem = shapeProblem(value, { k, T, M });
  if (!problem) return asBeamResult(value);
  ctx.emit({ type: 'log', level: 'warn', message: `${what}: beamSearch returned a malformed result (see q5.shape): ${problem}` });
  return undefined;
}

function runFigure2(ctx: RunContext<BeamSearchConfig>, solution: BeamSearchSolution): Record<string, unknown> {
  const { vocab, depth } = FIGURE2;
  const k = positiveInteger(ctx.config.k, 'k');
  const T = Math.min(positiveInteger(ctx.config.T, 'T'), depth);
  if (T < ctx.config.T) ctx.emit({ type: 'log', level: 'warn', message: `Figure 2 has depth ${depth}: decoding with T = ${T} instead of ${ctx.config.T}.` });
  const result = decode(ctx, solution, figure2Step, k, T, vocab.length, 'Figure 2');
  if (!result) return { error: 'beamSearch returned a malformed result (see q5.shape)' };
  const trace = figure2Trace(result, k, T);
  const greedy = trace.greedy!;
  const exhaustive = trace.exhaustive!;
  ctx.emit({ type: 'artifact', artifact: { kind: 'beam-trace', trace } });
  const entry = (h: Hypothesis): { sequence: string; score: number } => ({ sequence: detokenize(h.tokens, vocab), score: round(h.score) });
  const kept = Object.fromEntries(
    result.trace.map((s) => [String(s.t), s.candidates.filter((c) => c.kept).sort((a, b) => b.score - a.score).map(entry)]),
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

async function runCharModel(ctx: RunContext<BeamSearchConfig>, solution: BeamSearchSolution): Promise<Record<string, unknown>> {
  // A caller may override only some charModel fields: fill the rest from the defaults.
  const cfg: CharModelConfig = { ...defaultConfig(ctx.config.quick).charModel, ...ctx.config.charModel };
  const T = positiveInteger(cfg.T, 'charModel.T', MAX_CHAR_T);
  const panelK = positiveInteger(cfg.k, 'charModel.k', MAX_CHAR_K);
  for (const name of ['epochs', 'context', 'embed', 'hidden', 'batchSize'] as const) positiveInteger(cfg[name], `charModel.${name}`);
  if (!(cfg.learningRate > 0 && Number.isFinite(cfg.learningRate))) throw new RangeError(`Beam search config: charModel.learningRate must be a positive number (got ${String(cfg.learningRate)}).`);
  if (typeof cfg.prompt !== 'string') throw new RangeError('Beam search config: charModel.prompt must be a string.');
  const model = await trainedCharModel(ctx, cfg);
  const prompt = normalizeText(cfg.prompt);
  const { tokens: promptTokens, dropped } = encode(prompt, model.vocab);
  if (dropped) ctx.emit({ type: 'log', level: 'warn', message: `The prompt has ${dropped} character(s) outside the model's vocabulary; they were left out.` });
  const promptText = detokenize(promptTokens, model.vocab);
  const step = charModelStep(model, promptTokens);
  const M = model.vocab.length;
  const widths = [...new Set([...CHAR_MODEL_WIDTHS, panelK])].sort((a, b) => a - b);

  const decodes: { k: number; text: string; logProb: number }[] = [];
  for (const [i, k] of widths.entries()) {
    ctx.signal.throwIfCancelled();
    const result = decode(ctx, solution, step, k, T, M, `Character model, k = ${k}`);
    ctx.emit({ type: 'progress', fraction: 0.75 + (0.1 * (i + 1)) / widths.length, message: `Character model: decoded with k = ${k}` });
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
      ctx.emit({ type: 'artifact', artifact: { kind: 'beam-trace', trace } });
    }
    await yieldToEventLoop();
  }
  ctx.emit({
    type: 'artifact',
    artifact: { kind: 'table', title: `Character model: best continuation of "${promptText}" by beam width`, columns: ['k', 'text', 'log p'], rows: decodes.map((d) => [d.k, d.text, d.logProb]) },
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
 * training it again. Plain arrays only, no tensors; a few entries at most.
 */
const trainedModels = new Map<string, TrainedCharModel>();
const TRAINED_MODELS_KEPT = 4;

async function trainedCharModel(ctx: RunContext<BeamSearchConfig>, cfg: CharModelConfig): Promise<TrainedCharModel> {
  const { epochs, context, embed, hidden, batchSize, learningRate } = cfg;
  const key = JSON.stringify([ctx.config.seed, epochs, context, embed, hidden, batchSize, learningRate]);
  const progress = (epoch: number, loss: number): void => {
    ctx.emit({ type: 'metric', name: 'charModel.loss', step: epoch + 1, value: loss });
    ctx.emit({ type: 'progress', fraction: 0.05 + (0.7 * (epoch + 1)) / epochs, message: `Character model: epoch ${epoch + 1}/${epochs}, loss ${loss.toFixed(3)}` });
  };
  const cached = trainedModels.get(key);
  if (cached) {
    ctx.emit({ type: 'log', level: 'info', message: 'Character model: reusing the model trained earlier with the same seed and settings.' });
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
