// What the judge accepts from problem 5's child: the `beam-trace` artifacts its run emits (the
// `table` artifact has the judge's generic schema). zod 4's z.number() rejects NaN and ±Infinity.
import { z } from 'zod';
import { TRACE_LIMITS } from './panelTrace';

const tokens = z
  .array(
    z
      .number()
      .int()
      .min(0)
      .max(TRACE_LIMITS.vocab - 1),
  )
  .max(TRACE_LIMITS.T);
const hypothesis = z.object({ tokens, score: z.number() });
const candidate = z.object({ tokens, score: z.number(), kept: z.boolean() });
const step = z.object({
  t: z.number().int().min(1).max(TRACE_LIMITS.T),
  candidates: z.array(candidate).max(TRACE_LIMITS.candidatesPerStep),
});

export const beamTraceSchema = z
  .object({
    title: z.string().max(TRACE_LIMITS.text),
    source: z.string().max(TRACE_LIMITS.text),
    vocab: z.array(z.string().max(TRACE_LIMITS.word)).min(1).max(TRACE_LIMITS.vocab),
    k: z.number().int().min(1),
    T: z.number().int().min(1).max(TRACE_LIMITS.T),
    steps: z.array(step).max(TRACE_LIMITS.T),
    final: z.array(hypothesis).min(1).max(TRACE_LIMITS.candidatesPerStep),
    greedy: hypothesis.optional(),
    exhaustive: hypothesis.optional(),
  })
  .superRefine((trace, ctx) => {
    const problem = traceProblem(trace);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
  });

type Path = (string | number)[];
type Tokens = { tokens: number[] };

/** The first way a trace that fits the types does not hang together (lengths, steps, vocabulary). */
function traceProblem(trace: {
  vocab: string[];
  T: number;
  steps: { t: number; candidates: Tokens[] }[];
  final: Tokens[];
  greedy?: Tokens;
  exhaustive?: Tokens;
}): { message: string; path: Path } | undefined {
  const M = trace.vocab.length;
  const tokensProblem = (tokens: number[], length: number, path: Path): { message: string; path: Path } | undefined => {
    if (tokens.length !== length) return { message: `should hold ${length} token(s)`, path: [...path, 'tokens'] };
    const bad = tokens.findIndex((t) => t >= M);
    return bad >= 0
      ? { message: `token ${tokens[bad]} is outside the vocabulary of ${M}`, path: [...path, 'tokens', bad] }
      : undefined;
  };
  if (trace.steps.length !== trace.T) return { message: `should hold one step per t = 1…${trace.T}`, path: ['steps'] };
  let total = 0;
  for (const [i, s] of trace.steps.entries()) {
    if (s.t !== i + 1) return { message: `should be step ${i + 1}`, path: ['steps', i, 't'] };
    for (const [j, c] of s.candidates.entries()) {
      const problem = tokensProblem(c.tokens, s.t, ['steps', i, 'candidates', j]);
      if (problem) return problem;
      total += c.tokens.length;
    }
  }
  if (total > TRACE_LIMITS.tokens)
    return { message: `the candidates hold ${total} tokens (at most ${TRACE_LIMITS.tokens})`, path: ['steps'] };
  for (const [i, h] of trace.final.entries()) {
    const problem = tokensProblem(h.tokens, trace.T, ['final', i]);
    if (problem) return problem;
  }
  for (const [name, h] of [
    ['greedy', trace.greedy],
    ['exhaustive', trace.exhaustive],
  ] as const) {
    const problem = h && tokensProblem(h.tokens, trace.T, [name]);
    if (problem) return problem;
  }
  return undefined;
}

export const beamTraceArtifactSchema = z.object({ kind: z.literal('beam-trace'), trace: beamTraceSchema });

export const beamSearchArtifactSchemas: Record<string, z.ZodType> = {
  'beam-trace': beamTraceArtifactSchema,
};
