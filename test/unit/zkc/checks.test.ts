// The Q1 checks: the reference and the correct fixture pass all of them; a deliberately wrong
// piece fails at its own TODO with a message that says what was expected and what was measured.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { zkcProblem, type ZkcSolution } from '../../../src/core/problems/zkc';
import { runProblem, resolveConfig } from '../../../src/core/engine/runProblem';
import { neverCancelled } from '../../../src/core/engine/cancel';
import { createRng } from '../../../src/core/engine/rng';
import type { Finding, RunEvent } from '../../../src/core/engine/events';
import { compareGcnBackward, FLOAT32_TOLERANCE } from '../../../src/core/problems/zkc/gradients';
import * as reference from '../../../src/core/problems/zkc/reference';
import { fixtureFile, loadSolution } from './studentFile';

const CODES = ['q1.self-loops', 'q1.normalize', 'q1.features', 'q1.gcn-forward', 'q1.gcn-backward', 'q1.network', 'q1.train'];

async function checksOf(solution: ZkcSolution): Promise<Finding[]> {
  const config = zkcProblem.defaultConfig(true);
  return zkcProblem.checks({ config, rng: createRng(config.seed), signal: neverCancelled, backend: 'wasm', emit: () => undefined }, solution);
}

const byCode = (findings: Finding[], code: string): Finding => findings.find((f) => f.checkId === code)!;

describe('Q1 checks', function () {
  this.timeout(60_000);
  before(() => useTfBackend());

  it('the reference passes every check, one finding per TODO in the homework order, at its own marker', async () => {
    const findings = await checksOf(zkcProblem.reference);
    assert.deepEqual(findings.map((f) => f.checkId), CODES);
    assert.deepEqual(findings.map((f) => f.marker), zkcProblem.markers.map((m) => m.id));
    for (const f of findings) assert.ok(f.ok, `${f.checkId}: ${f.message}`);
    assert.match(byCode(findings, 'q1.gcn-backward').short!, /^grad ✓ \de-\d+ · f64 \de-1\d$/);
    assert.match(byCode(findings, 'q1.train').short!, /^test acc \d+ % · loss 0\.\d{3}$/);
  });

  it('the correct fixture, loaded like a student file, passes every check', async () => {
    const findings = await checksOf(loadSolution(fixtureFile('ws-zkc-correct')));
    for (const f of findings) assert.ok(f.ok, `${f.checkId}: ${f.message}`);
  });

  it('q1.normalize checks Â against the closed form Ã[i,j]/√(D̃[i]D̃[j]) (Â[0,0] = 1/43)', async () => {
    const findings = await checksOf(zkcProblem.reference);
    assert.match(byCode(findings, 'q1.normalize').message, /Â\[0, 0\] = 0\.0232558 ≈ 1\/43/);
    // Row normalisation D̃^{-1} Ã is a classic slip: caught, with the entry and the expected value.
    const rowNormalised: ZkcSolution = { ...reference, normalizeAdjacency: (aTilde) => tf.div(aTilde, tf.sum(aTilde, 1, true)) };
    const wrong = byCode(await checksOf(rowNormalised), 'q1.normalize');
    assert.equal(wrong.ok, false);
    assert.match(wrong.message, /normalizeAdjacency\(Ã\)\[\d+, \d+\] is [\d.]+; Ã\[\d+, \d+\] \/ √\(D̃\[\d+\]·D̃\[\d+\]\) is [\d.]+/);
  });

  it('the wrong-backward fixture fails q1.gcn-backward at its marker, over ten times the float32 tolerance', async () => {
    const solution = loadSolution(fixtureFile('ws-zkc-wrong-backward'));
    const findings = await checksOf(solution);
    const backward = byCode(findings, 'q1.gcn-backward');
    assert.equal(backward.ok, false);
    assert.equal(backward.marker, 'q1.gcn-backward');
    assert.equal(backward.severity, 'error');
    assert.match(backward.message, /expected dW = δᵀ\(Â H_in\)\/N \+ λW\/N with δ = g ⊙ \(1 − H²\)/);
    assert.match(backward.short!, /^grad ✗ \de-\d+$/);
    assert.doesNotMatch(backward.message, /tf\.(mul|sub|square)/, 'the message never shows answer code');
    const c = compareGcnBackward(solution, 100);
    assert.ok(c.dWvsFloat64 > 10 * FLOAT32_TOLERANCE, `missing (1 − H²): dW error ${c.dWvsFloat64}`);
    assert.ok(c.dWvsAutodiff > 10 * FLOAT32_TOLERANCE, `autodiff disagrees too: ${c.dWvsAutodiff}`);
    // The pieces before it still pass; the network check blames the layer.
    for (const code of CODES.slice(0, 4)) assert.ok(byCode(findings, code).ok, code);
    assert.match(byCode(findings, 'q1.network').message, /q1\.gcn-backward fails too/);
    assert.match(byCode(findings, 'q1.train').message, /drifts from the float64 ground truth: at epoch \d+ your train loss is [\d.]+, gradient descent with lr 0\.02 gives [\d.]+ .*q1\.gcn-backward, q1\.network fail too/);
  });

  it('the float32 tolerance separates a correct backward (~1e-7) from a missing 1/N or λW/N', () => {
    const correct = compareGcnBackward(zkcProblem.reference, 100);
    for (const e of Object.values(correct)) assert.ok(e < FLOAT32_TOLERANCE / 100, `correct: ${e}`);
    const noOneOverN: ZkcSolution = {
      ...reference,
      gcnBackward: (aHat, hIn, h, w, g, n, lambda) => reference.gcnBackward(aHat, hIn, h, w, g, 1, lambda / n),
    };
    assert.ok(compareGcnBackward(noOneOverN, 100).dWvsFloat64 > 0.5);
    const noDecay: ZkcSolution = { ...reference, gcnBackward: (aHat, hIn, h, w, g, n) => reference.gcnBackward(aHat, hIn, h, w, g, n, 0) };
    assert.ok(compareGcnBackward(noDecay, 100).dWvsFloat64 > 10 * FLOAT32_TOLERANCE);
  });

  it('a wrong shape fails its own check and names the expected shape', async () => {
    const findings = await checksOf({ ...reference, nodeFeatures: (n) => tf.ones([n, 1]) });
    const features = byCode(findings, 'q1.features');
    assert.equal(features.ok, false);
    assert.match(features.message, /nodeFeatures\(34\) should have shape \[34, 34\], but it has shape \[34, 1\]/);
    const notATensor = byCode(await checksOf({ ...reference, addSelfLoops: () => [[1]] as unknown as tf.Tensor2D }), 'q1.self-loops');
    assert.match(notATensor.message, /should be a tensor of shape \[34, 34\], but it is an array/);
  });

  it('a throw in student code ends the run at its marker', async () => {
    const events: RunEvent[] = [];
    const solution: ZkcSolution = { ...reference, gcnForward: () => { throw new Error('not yet'); } };
    await runProblem(zkcProblem, solution, resolveConfig(zkcProblem, { quick: true }), { signal: neverCancelled, emit: (e) => events.push(e), checksOnly: true });
    const last = events[events.length - 1]!;
    assert.equal(last.type, 'error');
    assert.deepEqual([(last as Extract<RunEvent, { type: 'error' }>).reason, (last as Extract<RunEvent, { type: 'error' }>).marker], ['student-code', 'q1.gcn-forward']);
  });

  it('an async trainStep ends the run with a shape error at q1.train, freeing its tensors', async () => {
    const events: RunEvent[] = [];
    const before = tf.memory().numTensors;
    const solution = { ...reference, trainStep: async () => reference.trainStep as never } as unknown as ZkcSolution;
    await runProblem(zkcProblem, solution, resolveConfig(zkcProblem, { quick: true }), { signal: neverCancelled, emit: (e) => events.push(e) });
    const last = events[events.length - 1] as Extract<RunEvent, { type: 'error' }>;
    assert.deepEqual([last.type, last.reason, last.marker], ['error', 'shape', 'q1.train']);
    assert.match(last.message, /trainStep\(params, data, learningRate\) returned a Promise/);
    assert.equal(tf.memory().numTensors, before);
  });
});
