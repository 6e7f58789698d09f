// What the judge accepts from problem 4's child: the run's record (every cell's outcome and the PCA
// rows), the two artifact kinds it streams (`ae-cell`, `autoencoders`) and the `observe` task's
// answer. A loss may be NaN or infinite (the student's loss can give one: q4.finite-loss judges it),
// so measured values are any number; sizes, counts and the lab's own counts are finite and bounded.
import { z } from 'zod';
import { flavour, type Flavour } from '../../flavour';

/** Any number, NaN and ±Infinity included: a value measured on the student's code. */
const measured = z.custom<number>((v) => typeof v === 'number', 'a number');
/** zod 4's number: finite (NaN and ±Infinity are refused). */
const finite = z.number();
const count = z.number().int().min(0).max(1e9);
const positive = z.number().int().min(1).max(1e9);
const fraction = z.number().min(0).max(1);
/** Per-epoch curves and angle lists: at most this many values. */
const MAX_SERIES = 100_000;
const series = z.array(measured).max(MAX_SERIES);

const dataset = z.enum(['synthetic', 'mnist', 'idx']);
const activation = z.enum(['linear', 'relu']);
const variant = z.enum(['vanilla', 'denoising', 'masked']);

/** A digit strip: each image base64 of exactly width·height bytes. */
const digitStrip = z
  .object({
    width: z.number().int().min(1).max(256),
    height: z.number().int().min(1).max(256),
    original: z.array(z.string().max(90_000)).max(64),
    corrupted: z.array(z.string().max(90_000)).max(64),
    reconstructed: z.array(z.string().max(90_000)).max(64),
    labels: z.array(count).max(64),
  })
  .superRefine((d, ctx) => {
    const n = d.original.length;
    const length = Math.ceil((d.width * d.height) / 3) * 4;
    const images = [...d.original, ...d.corrupted, ...d.reconstructed];
    if (d.corrupted.length !== n || d.reconstructed.length !== n || d.labels.length !== n)
      ctx.addIssue({ code: 'custom', message: "the strip's lists differ in length" });
    else if (!images.every((s) => s.length === length && /^[A-Za-z0-9+/]*={0,2}$/.test(s)))
      ctx.addIssue({ code: 'custom', message: `an image that is not base64 of ${d.width * d.height} bytes` });
  });

const cellFields = {
  dataset,
  activation,
  variant,
  k: positive,
  repeat: count,
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
  trainLoss: series.min(1),
  valLoss: series.min(1),
  /** The student's probeAccuracy after each epoch. */
  probeCurve: series,
  finalValLoss: measured,
  /** The student's probeAccuracy: whatever number it returned. */
  probeAccuracy: measured,
  fewLabelAccuracy: measured.optional(),
  anglesDeg: series.optional(),
  angleCurve: series.optional(),
  digits: digitStrip.optional(),
  ms: finite.min(0),
};

/** A cell as the artifacts carry it (AeCellResult). */
export const aeCellResultSchema = z.object(cellFields);

const labCountSchema = z.object({ probeAccuracy: fraction, fewLabelAccuracy: fraction.optional() });

/**
 * A cell as the record carries it (AeCellOutcome): the result and the lab's own count of the
 * accuracies. The staff build's child always counts (labCount.ts), so there a cell without the count
 * is refused: a record that drops it must not pass q4.probe-count by saying nothing. The student
 * build counts nothing.
 */
function cellOutcomeSchema(build: Flavour) {
  return z.object({ ...cellFields, lab: build === 'staff' ? labCountSchema : labCountSchema.optional() });
}

export const pcaRowSchema = z.object({
  dataset,
  k: positive,
  pcaResidual: finite.min(0),
  exactResidual: finite.optional(),
  /** The mean of the linear vanilla cells' final validation losses (NaN when one is). */
  aeLoss: measured,
  meanDeg: measured,
  maxDeg: measured,
  /** The student's probeAccuracy on the PCA probes' test logits. */
  pcaProbeAccuracy: measured,
  pcaProbeConverged: measured.optional(),
});

const MAX_CELLS = 100_000;

/** RunOutput.record of a run in the given build. */
export function aeRecordSchemaFor(build: Flavour) {
  return z.object({
    cells: z.array(cellOutcomeSchema(build)).max(MAX_CELLS),
    pca: z.array(pcaRowSchema).max(10_000),
  });
}

/** RunOutput.record of a run in this build. */
export const aeRecordSchema = aeRecordSchemaFor(flavour);

export const aeCellArtifactSchema = z
  .object({ kind: z.literal('ae-cell'), index: count, total: positive.max(MAX_CELLS), cell: aeCellResultSchema })
  .refine((a) => a.index < a.total, "the cell's index is past the grid's size");

export const autoencodersArtifactSchema = z.object({
  kind: z.literal('autoencoders'),
  title: z.string().max(1000),
  datasets: z
    .array(
      z.object({
        dataset,
        name: z.string().max(500),
        inputDim: positive,
        train: count,
        val: count,
        test: count,
        epochs: positive,
        linearMaxEpochs: positive.optional(),
        batchSize: positive,
        learningRate: finite.positive(),
        repeats: positive,
      }),
    )
    .max(8),
  ks: z.array(positive).max(100),
  cells: z.array(aeCellResultSchema).max(MAX_CELLS),
  pca: z.array(pcaRowSchema).max(10_000),
  spectra: z.array(z.object({ dataset, eigenvalues: z.array(finite).max(1_000_000) })).max(8),
  wallMs: finite.min(0),
  workers: count,
});

export const aeArtifactSchemas = {
  'ae-cell': aeCellArtifactSchema,
  autoencoders: autoencodersArtifactSchema,
};

/** The `observe` task's answer (harness.ts ObservedCall); `value` is the student's return value, judged by the check. */
export const observedCallSchema = z.object({
  value: z.unknown(),
  promise: z.literal(true).optional(),
  inputs: z.array(z.object({ disposed: z.boolean(), values: z.instanceof(Float32Array).optional() })).max(64),
});
