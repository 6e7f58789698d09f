// Q1 through the built CLI, as a user runs it: the reference run's documented JSON, and a wrong
// backward in a student workspace reported at its TODO line.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundles } from '../runner/bundles';
import { FIXTURES } from '../runner/paths';
import { runNode } from '../support/runNode';

describe('hw6-lab CLI, problem zkc', function () {
  this.timeout(120_000);
  let cli: string;
  let tmp: string;
  before(async () => {
    cli = (await buildBundles()).cli;
    tmp = mkdtempSync(join(tmpdir(), 'hw6-zkc-cli-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('run zkc --reference --quick --json reports communities, gradCheck and per-mask-mode training', async () => {
    const json = join(tmp, 'z.json');
    const r = await runNode(cli, ['run', 'zkc', '--reference', '--quick', '--json', json]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /zkc\s+passed\s+7\/7/);
    const [q1] = JSON.parse(readFileSync(json, 'utf8')).problems as { id: string; metrics: Record<string, unknown> }[];
    assert.equal(q1!.id, 'zkc');
    assert.deepEqual(Object.keys(q1!.metrics.communities as object), ['A', 'B', 'C']);
    // the judge's metrics (README: --json), merged into the run's
    assert.deepEqual(Object.keys(q1!.metrics.gradCheck as object), ['w1', 'w2', 'w3', 'b3']);
    assert.deepEqual(Object.keys(q1!.metrics.gradCheckFloat64 as object), ['w1', 'w2', 'w3', 'b3']);
    const training = q1!.metrics.training as Record<string, Record<string, unknown>>;
    for (const mode of ['all-nodes', 'train-only']) {
      for (const key of ['epochs', 'finalTrainLoss', 'finalTestLoss', 'finalTestAccuracy'])
        assert.equal(typeof training[mode]![key], 'number', `${mode}.${key}`);
    }
  });

  it('check reports the wrong backward at the q1.gcn-backward TODO line', async () => {
    const workspace = join(FIXTURES, 'ws-zkc-wrong-backward');
    const r = await runNode(cli, ['check', '--workspace', workspace, '--json']);
    assert.equal(r.code, 1);
    const findings = JSON.parse(r.stdout) as { file: string; line: number; code: string; message: string }[];
    const todoLine =
      readFileSync(join(workspace, 'q1_zkc.ts'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('TODO(hw6:q1.gcn-backward)')) + 1;
    const backward = findings.find((f) => f.code === 'q1.gcn-backward');
    assert.deepEqual([backward?.file, backward?.line], ['q1_zkc.ts', todoLine]);
    assert.match(backward!.message, /relative errors: dW \de-\d/);
    assert.ok(
      !findings.some((f) => ['q1.self-loops', 'q1.normalize', 'q1.features', 'q1.gcn-forward'].includes(f.code)),
      'the pieces before it pass',
    );
  });

  it('check passes the correct workspace', async () => {
    const r = await runNode(cli, ['check', '--workspace', join(FIXTURES, 'ws-zkc-correct'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });
});
