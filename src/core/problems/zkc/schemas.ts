// The judge's schemas for what Q1's child sends: the run's record (a training, as data), the short
// training of checks without a run, and the zkc-run artifact the panel draws. Losses may be NaN or
// infinite (a diverging training is the student's, and the checks say so), so they are any number;
// counts, indices and the graph's numbers must be finite.
import { z } from 'zod';
import { MAX_EMBEDDING_FRAMES } from './artifact';

/** Epochs a record or a series may hold (a run's maxEpochs is 20 000 by default). */
const MAX_EPOCHS = 5_000_000;
const MAX_NODES = 10_000;

/** Any number, NaN and ±Infinity included (zod's number() refuses them). */
const anyNumber = z.custom<number>((v) => typeof v === 'number', 'a number');
const maskMode = z.enum(['all-nodes', 'train-only']);
const stopReason = z.enum(['early-stopping', 'max-epochs']);

export const trainingHistorySchema = z
  .strictObject({
    maskMode,
    epochs: z.number().int().min(1).max(MAX_EPOCHS),
    stopReason,
    trainLoss: z.array(anyNumber).max(MAX_EPOCHS),
    finalTestLoss: anyNumber,
    finalTestAccuracy: z.number().min(0).max(1),
  })
  .refine((h) => h.trainLoss.length === h.epochs, 'the training must hold one train loss per epoch');

export const recordSchema = z.strictObject({ training: trainingHistorySchema });

const nodeIndex = z
  .number()
  .int()
  .min(0)
  .max(MAX_NODES - 1);

const graphSchema = z
  .strictObject({
    nodeCount: z.number().int().min(1).max(MAX_NODES),
    edges: z.array(z.tuple([nodeIndex, nodeIndex, z.number()])).max(100_000),
    clubs: z.array(z.string().max(200)).max(MAX_NODES),
    labels: z.array(z.union([z.literal(0), z.literal(1)])).max(MAX_NODES),
    communities: z.array(z.array(nodeIndex).max(MAX_NODES)).max(MAX_NODES),
    modularity: z.number(),
    testNodes: z.array(nodeIndex).max(MAX_NODES),
  })
  .refine((g) => {
    const inGraph = (i: number): boolean => i < g.nodeCount;
    return (
      g.clubs.length === g.nodeCount &&
      g.labels.length === g.nodeCount &&
      g.edges.every(([u, v]) => inGraph(u) && inGraph(v)) &&
      g.testNodes.every(inGraph) &&
      g.communities.every((c) => c.every(inGraph))
    );
  }, 'the graph refers to nodes it does not have');

const epochNumbers = z.array(z.number().int().min(1).max(MAX_EPOCHS));

const seriesSchema = z
  .strictObject({
    maskMode,
    epochs: epochNumbers.max(MAX_EPOCHS),
    trainLoss: z.array(anyNumber).max(MAX_EPOCHS),
    testLoss: z.array(anyNumber).max(MAX_EPOCHS),
    testAccuracy: z.array(anyNumber).max(MAX_EPOCHS),
    embeddingEpochs: epochNumbers.max(MAX_EMBEDDING_FRAMES),
    embeddings: z.array(z.array(anyNumber).max(2 * MAX_NODES)).max(MAX_EMBEDDING_FRAMES),
    stopReason,
    predictions: z.array(z.number().int().min(0).max(1)).max(MAX_NODES),
  })
  .refine((s) => {
    const n = s.epochs.length;
    return (
      s.trainLoss.length === n &&
      s.testLoss.length === n &&
      s.testAccuracy.length === n &&
      s.embeddings.length === s.embeddingEpochs.length
    );
  }, 'a series must hold one value per epoch and one epoch per embedding frame');

export const zkcRunArtifactSchema = z
  .strictObject({
    kind: z.literal('zkc-run'),
    title: z.string().max(1000),
    graph: graphSchema,
    series: z.array(seriesSchema).min(1).max(2),
    // The gradient check is the judge's (its zkc-gradcheck artifact): a child cannot fill in rows that pass.
    gradCheck: z.tuple([]),
  })
  .refine(
    (a) =>
      a.series.every(
        (s) =>
          s.predictions.length === a.graph.nodeCount && s.embeddings.every((f) => f.length === 2 * a.graph.nodeCount),
      ),
    'a series must hold one prediction and two embedding coordinates per node',
  );
