// What the judge accepts from problem 2's child: its one artifact kind, 'attention-scaling' (display
// data for the panel and the report; no verdict is taken from it). Numbers measured on the student's
// code may be NaN or ±∞ (a student's dotProducts may return them): they are numbers, not a channel
// violation. Settings echoed back (d, μ, σ, counts) must be the finite values a config allows.
import { z } from 'zod';
import { MAX_D, MAX_DIMS, MAX_HISTOGRAM_SAMPLES, MAX_KEYS, MAX_SAMPLES } from './config';

/** Any number, NaN and ±∞ included. */
const measured = z.custom<number>((v) => typeof v === 'number', 'a number');
const finite = z.number();
const dimension = z.number().int().min(1).max(MAX_D);
const count = (max: number) => z.number().int().min(1).max(max);

const momentsSchema = z.object({
  d: dimension,
  mu: finite,
  sigma: finite.positive(),
  samples: count(MAX_SAMPLES),
  mean: measured,
  variance: measured,
  scaledMean: measured,
  scaledVariance: measured,
});

const weights = z.object({ maxWeight: measured, gradNorm: measured });
const saturationSchema = z.object({ d: dimension, keys: count(MAX_KEYS), unscaled: weights, scaled: weights });

const answerSchema = z.object({
  id: z.enum(['2a', '2b', '2c']),
  text: z.string().max(20_000),
  line: z.number().int().min(1).max(10_000_000),
});

export const scalingArtifactSchema = z.object({
  kind: z.literal('attention-scaling'),
  title: z.string().max(1000),
  mu: finite,
  sigma: finite.positive(),
  samples: count(MAX_SAMPLES),
  moments: z.array(momentsSchema).max(MAX_DIMS),
  saturation: z.array(saturationSchema).max(MAX_DIMS),
  histogram: z.object({
    d: dimension,
    raw: z.array(measured).max(MAX_HISTOGRAM_SAMPLES),
    scaled: z.array(measured).max(MAX_HISTOGRAM_SAMPLES),
  }),
  answers: z.array(answerSchema).max(3),
  answersRevealed: z.boolean().optional(),
  shiftedMoments: z
    .array(momentsSchema)
    .max(MAX_DIMS * MAX_DIMS)
    .optional(),
  histogramMoments: momentsSchema.optional(),
});
