import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { repoRoot } from '../support/repo';
import { beamTraceArtifactSchema } from '../../../src/core/problems/beam-search/schemas';
import { figure2ReferenceTrace } from '../../../src/core/problems/beam-search/figure2Trace';
import { TRACE_LIMITS, traceTooLarge } from '../../../src/core/problems/beam-search/panelTrace';
import type { BeamTrace } from '../../../src/core/problems/beam-search/trace';

const FOLDER = 'src/core/problems/beam-search';

/** The repository, above this (bundled) test file or else above the working directory. */
function root(): string {
  try {
    return repoRoot();
  } catch {
    return repoRoot(process.cwd());
  }
}

/** The files of this problem folder a bundle of `entry` holds (after esbuild drops what is unused). */
function folderFilesOf(entry: string): string[] {
  const { metafile } = buildSync({
    absWorkingDir: root(),
    entryPoints: [join(FOLDER, entry)],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    logLevel: 'silent',
  });
  return Object.keys(metafile.inputs)
    .filter((f) => f.startsWith(FOLDER + '/'))
    .map((f) => f.slice(FOLDER.length + 1))
    .sort();
}

describe('Q5 judge/child boundary', function () {
  this.timeout(30_000);

  it('the child holds no check, no reference search and no expected kept sets', () => {
    const files = folderFilesOf('child.ts');
    for (const judgeOnly of [
      'checks.ts',
      'reference.ts',
      'keptSets.ts',
      'answerTruth.ts',
      'index.ts',
      'schemas.ts',
      'figure2Trace.ts',
    ]) {
      assert.ok(!files.includes(judgeOnly), `child.ts bundles ${judgeOnly}: ${files.join(', ')}`);
    }
  });

  it("neither half loads the editor's descriptor: its side view's reference tree holds the answers", () => {
    for (const entry of ['child.ts', 'index.ts'])
      assert.ok(!folderFilesOf(entry).includes('ui.ts'), `${entry} bundles ui.ts (import problemUis from uis.ts)`);
  });

  it('the judge runs no student code and trains nothing', () => {
    const files = folderFilesOf('index.ts');
    for (const childOnly of ['child.ts', 'reference.ts', 'charModel.ts', 'bench.ts']) {
      assert.ok(!files.includes(childOnly), `index.ts bundles ${childOnly}: ${files.join(', ')}`);
    }
  });
});

describe('Q5 beam-trace artifact schema', () => {
  const artifact = (trace: BeamTrace) => ({ kind: 'beam-trace', trace });
  const valid = (): BeamTrace => structuredClone(figure2ReferenceTrace());

  it("accepts the lab's own traces", () => {
    assert.ok(beamTraceArtifactSchema.safeParse(artifact(valid())).success);
    assert.ok(beamTraceArtifactSchema.safeParse(artifact(figure2ReferenceTrace(8))).success);
  });

  it('rejects non-finite scores, tokens outside the vocabulary, and steps that do not hang together', () => {
    const broken: ((t: BeamTrace) => void)[] = [
      (t) => (t.steps[1]!.candidates[0]!.score = NaN),
      (t) => (t.final[0]!.score = -Infinity),
      (t) => (t.steps[0]!.candidates[0]!.tokens = [2]),
      (t) => (t.steps[0]!.candidates[0]!.tokens = [0, 0]),
      (t) => (t.steps[2]!.t = 7),
      (t) => t.steps.pop(),
      (t) => (t.greedy = { tokens: [0], score: -1 }),
      (t) => ((t.steps[0]!.candidates[0] as { kept: unknown }).kept = 'yes'),
      (t) => (t.vocab = []),
      (t) => (t.title = 'x'.repeat(TRACE_LIMITS.text + 1)),
    ];
    for (const [i, breakIt] of broken.entries()) {
      const t = valid();
      breakIt(t);
      assert.ok(!beamTraceArtifactSchema.safeParse(artifact(t)).success, `broken trace #${i} was accepted`);
    }
  });

  it('caps the size (candidates per step), and the run sees the same cap before it emits', () => {
    const t = valid();
    assert.equal(traceTooLarge(t), undefined);
    const c = t.steps[0]!.candidates[0]!;
    t.steps[0]!.candidates = Array.from({ length: TRACE_LIMITS.candidatesPerStep + 1 }, () => ({ ...c }));
    assert.ok(!beamTraceArtifactSchema.safeParse(artifact(t)).success);
    assert.match(traceTooLarge(t)!, /step t = 1 has 5001 candidates \(at most 5000 are drawn\)/);
  });

  it('drops fields it does not know', () => {
    const t = valid() as BeamTrace & { extra?: string };
    t.extra = 'not drawn';
    const parsed = beamTraceArtifactSchema.parse(artifact(t));
    assert.ok(!('extra' in parsed.trace));
  });
});
