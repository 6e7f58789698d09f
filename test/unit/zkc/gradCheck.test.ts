// Q1's gradient check is the judge's (the child never compares with the float64 ground truth): a
// judged run emits it as a `zkc-gradcheck` artifact after the child's `zkc-run` and puts it into the
// run's metrics (gradCheck, gradCheckFloat64: the CLI's --json); the rows cross the protocol to the
// karate-club panel and fill the report's gradient-check table. A child can forge neither.
import assert from 'node:assert/strict';
import { useTfBackend } from '../support/tf';
import { judgeLocally } from '../support/judgeLocal';
import { zkcProblem, type ZkcConfig } from '../../../src/core/problems/zkc';
import { zkcChild } from '../../../src/core/problems/zkc/child';
import * as reference from '../../../src/core/problems/zkc/reference';
import { PARAMETERS } from '../../../src/core/problems/zkc/gradients';
import type { ZkcGradCheckArtifact, ZkcRunArtifact } from '../../../src/core/problems/zkc/artifact';
import type { Artifact, RunEvent } from '../../../src/core/engine/events';
import { ChannelError, validateChildEvent } from '../../../src/core/engine/judge';
import { parseToWebview } from '../../../src/core/protocol';
import { isZkcRunArtifact } from '../../../src/core/problems/zkc/artifactValidate';
import { problemCatalog } from '../../../src/core/problems/catalog';
import { buildReport, renderMarkdown, reportJson, type ReportRun } from '../../../src/core/report';

type Done = Extract<RunEvent, { type: 'done' }>;

const quick = (): ZkcConfig => zkcProblem.defaultConfig(true);
const artifactsOf = (events: RunEvent[]): Artifact[] =>
  events.flatMap((e) => (e.type === 'artifact' ? [e.artifact] : []));
const doneOf = (events: RunEvent[]): Done => {
  const end = events[events.length - 1]!;
  assert.equal(end.type, 'done', JSON.stringify(end));
  return end as Done;
};

describe("Q1 gradient check (the judge's zkc-gradcheck and metrics)", function () {
  this.timeout(120_000);
  let events: RunEvent[];
  let gradCheck: ZkcGradCheckArtifact;
  let run: ZkcRunArtifact;

  before(async () => {
    await useTfBackend();
    events = await judgeLocally(zkcProblem, zkcChild, reference, quick(), { checksOnly: false });
    doneOf(events);
    const artifacts = artifactsOf(events);
    run = artifacts.find((a): a is ZkcRunArtifact => a.kind === 'zkc-run')!;
    gradCheck = artifacts.find((a): a is ZkcGradCheckArtifact => a.kind === 'zkc-gradcheck')!;
  });

  it("emits one zkc-gradcheck artifact after the run's zkc-run: per parameter, the backward vs float64 and float64 central differences, all passing", () => {
    const kinds = artifactsOf(events).map((a) => a.kind);
    assert.deepEqual(kinds, ['zkc-run', 'zkc-gradcheck']);
    assert.deepEqual(run.gradCheck, [], "the child's run carries no rows");
    assert.equal(gradCheck.rows.length, 2 * PARAMETERS.length);
    assert.deepEqual(
      gradCheck.rows.map((r) => r.parameter),
      [
        ...PARAMETERS.map((k) => `${k}: your backward vs float64 (float32)`),
        ...PARAMETERS.map((k) => `${k}: float64 central differences`),
      ],
    );
    for (const r of gradCheck.rows) {
      assert.ok(r.ok, `${r.parameter}: ${r.relativeError}`);
      assert.ok(r.relativeError < r.tolerance, `${r.parameter}: ${r.relativeError} < ${r.tolerance}`);
    }
    assert.deepEqual([...new Set(gradCheck.rows.map((r) => r.tolerance))], [1e-4, 1e-7]);
    // before the findings and the ending: the panel gets it while the run is still going
    const at = events.findIndex((e) => e.type === 'artifact' && e.artifact.kind === 'zkc-gradcheck');
    assert.ok(at < events.findIndex((e) => e.type === 'done'));
  });

  it("puts gradCheck and gradCheckFloat64 per parameter into done.metrics (the rows' numbers), beside the child's metrics", () => {
    const metrics = doneOf(events).metrics;
    const vsFloat64 = metrics.gradCheck as Record<string, number>;
    const central = metrics.gradCheckFloat64 as Record<string, number>;
    assert.deepEqual(Object.keys(vsFloat64), [...PARAMETERS]);
    assert.deepEqual(Object.keys(central), [...PARAMETERS]);
    PARAMETERS.forEach((k, i) => {
      assert.equal(vsFloat64[k], gradCheck.rows[i]!.relativeError, k);
      assert.equal(central[k], gradCheck.rows[PARAMETERS.length + i]!.relativeError, k);
      assert.ok(vsFloat64[k]! < 1e-4 && central[k]! < 1e-7, k);
    });
    assert.deepEqual(Object.keys(metrics.communities as object), ['A', 'B', 'C']);
    assert.deepEqual(Object.keys(metrics.training as object), ['all-nodes', 'train-only']);
  });

  it('crosses the protocol as JSON to the panel (a zkc-gradcheck artifact), and the completed run still validates', () => {
    const rows = JSON.parse(JSON.stringify(gradCheck.rows));
    const check = (r: unknown) => ({ type: 'artifact', artifact: { kind: 'zkc-gradcheck', rows: r } });
    assert.deepEqual(parseToWebview(check(rows)), check(rows));
    const completed = JSON.parse(JSON.stringify({ ...run, gradCheck: rows }));
    assert.equal(isZkcRunArtifact(completed), true);
    assert.equal(parseToWebview({ type: 'artifact', artifact: completed })?.type, 'artifact');
    assert.equal(parseToWebview({ type: 'init', version: 1, snapshot: { artifacts: [completed] } })?.type, 'init');
    // a NaN relative error (a backward gone wrong) arrives as null: still a table row
    const nan = JSON.parse(JSON.stringify([{ ...rows[0], relativeError: NaN, ok: false }]));
    assert.equal(parseToWebview(check(nan))?.type, 'artifact');
    assert.equal(parseToWebview(check([{ parameter: 'w1' }])), undefined);
    assert.equal(parseToWebview(check('w1')), undefined);
  });

  it("fills the report's gradient-check table of the run (Markdown and report.json)", () => {
    const zkc = problemCatalog.find((p) => p.id === 'zkc')!;
    const done = doneOf(events);
    const reportRun: ReportRun = {
      problem: zkc,
      ok: done.ok,
      findings: [],
      artifacts: artifactsOf(events),
      logs: [],
      done,
      wallMs: 1,
    };
    const input = {
      runs: [reportRun],
      meta: { solution: 'reference solutions', config: { quick: true }, generatedAt: new Date('2026-01-02T03:04:05Z') },
    };
    const md = renderMarkdown(buildReport(input));
    const section = md.slice(md.indexOf('Gradient check'));
    for (const r of gradCheck.rows)
      assert.ok(
        section.includes(
          `${r.parameter} | ${r.relativeError.toExponential(2)} | ${r.tolerance.toExponential(0)} | pass`,
        ),
        r.parameter,
      );
    assert.equal(md.match(/Gradient check/g)?.length, 1, "one table: the rows are the run's");
    const json = reportJson(input).problems[0]!.artifacts;
    assert.deepEqual(
      json.map((a) => a.kind),
      ['zkc-run'],
    );
    assert.deepEqual((json[0] as ZkcRunArtifact).gradCheck, gradCheck.rows);
    // checks alone: no run to fill in, the table stands on its own
    const alone = renderMarkdown(buildReport({ ...input, runs: [{ ...reportRun, artifacts: [gradCheck] }] }));
    assert.match(alone, /Gradient check/);
    assert.ok(alone.includes(`${gradCheck.rows[0]!.parameter} | `));
  });

  it('a child can send neither a zkc-gradcheck nor a zkc-run with rows (no schema accepts them)', () => {
    const schemas = zkcProblem.artifactSchemas;
    assert.throws(() => validateChildEvent({ type: 'artifact', artifact: gradCheck }, schemas), ChannelError);
    assert.throws(
      () => validateChildEvent({ type: 'artifact', artifact: { ...run, gradCheck: gradCheck.rows } }, schemas),
      ChannelError,
    );
    assert.doesNotThrow(() => validateChildEvent({ type: 'artifact', artifact: run }, schemas));
  });

  it('checks alone report it too; a networkPass that throws gives no gradient check (its finding says why)', async () => {
    const checks = await judgeLocally(zkcProblem, zkcChild, reference, quick(), { checksOnly: true });
    assert.deepEqual(
      artifactsOf(checks).map((a) => a.kind),
      ['zkc-gradcheck'],
    );
    assert.deepEqual(Object.keys(doneOf(checks).metrics.gradCheck as object), [...PARAMETERS]);

    const broken = {
      ...reference,
      networkPass: () => {
        throw new Error('not yet');
      },
    };
    const failed = await judgeLocally(zkcProblem, zkcChild, broken, quick(), { checksOnly: true });
    const done = doneOf(failed);
    assert.equal(done.ok, false);
    assert.deepEqual(artifactsOf(failed), []);
    assert.equal(done.metrics.gradCheck, undefined);
    assert.equal(done.metrics.gradCheckFloat64, undefined);
    const network = failed.flatMap((e) =>
      e.type === 'finding' && e.finding.checkId === 'q1.network' ? [e.finding] : [],
    )[0]!;
    assert.equal(network.ok, false);
    assert.match(network.message, /not yet/);
  });
});
