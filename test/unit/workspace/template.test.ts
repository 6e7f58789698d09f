// The student workspace template type-checks in the student's editor: its tsconfig and the
// `hw6-lab` declarations describe exactly the helper module the lab provides at run time.
import assert from 'node:assert/strict';
import { mkdtempSync, cpSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../support/repo';
import { studentHelperExports, studentHelperFiles } from '../support/studentHelpers';

const TEMPLATE = join(repoRoot(), 'media', 'workspace');

function typeErrors(projectDir: string): string[] {
  const configPath = join(projectDir, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error) return [ts.flattenDiagnosticMessageText(error.messageText, '\n')];
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, projectDir);
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

function withWorkspace(files: Record<string, string>, fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'hw6-template-'));
  try {
    cpSync(TEMPLATE, dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SOLVED = `import type { StepFn, BeamResult, Candidate, Hypothesis } from "hw6-lab";
import { logSoftmax } from "hw6-lab";
export function beamSearch(step: StepFn, k: number, T: number): BeamResult {
  let beams: Hypothesis[] = [{ tokens: [], score: 0 }];
  const trace: BeamResult["trace"] = [];
  for (let t = 1; t <= T; t++) {
    const candidates: Candidate[] = beams.flatMap((h) => Array.from(step(h.tokens), (lp, v) => ({ tokens: [...h.tokens, v], score: h.score + lp, kept: false })));
    const order = [...candidates].sort((a, b) => b.score - a.score).slice(0, k);
    for (const c of order) c.kept = true;
    trace.push({ t, candidates });
    beams = order;
  }
  void logSoftmax([0, 1]);
  return { beams, trace };
}
`;

describe('student workspace template', function () {
  this.timeout(60_000);

  it('type-checks as shipped (no red squiggles in a fresh workspace)', () => {
    assert.deepEqual(typeErrors(TEMPLATE), []);
  });

  it('type-checks a complete solution that uses every helper type', () => {
    withWorkspace({ 'q5_beam_search.ts': SOLVED }, (dir) => assert.deepEqual(typeErrors(dir), []));
  });

  it('flags a solution that returns the wrong shape', () => {
    const wrong =
      'import type { StepFn, BeamResult } from "hw6-lab";\nexport function beamSearch(step: StepFn, k: number, T: number): BeamResult {\n  return { beams: 1, trace: [] };\n}\n';
    withWorkspace({ 'q5_beam_search.ts': wrong }, (dir) => {
      const errors = typeErrors(dir);
      assert.equal(errors.length, 1);
      assert.match(errors[0]!, /not assignable/);
    });
  });

  it("declares exactly what the lab exports from its helper module: every problem's studentHelpers.ts", () => {
    const files = studentHelperFiles();
    const program = ts.createProgram([...files, join(TEMPLATE, 'types/hw6-lab.d.ts')], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    });
    const checker = program.getTypeChecker();
    const declared = checker.getAmbientModules().find((m) => m.name === '"hw6-lab"');
    assert.ok(declared, 'types/hw6-lab.d.ts declares module "hw6-lab"');
    const provided = studentHelperExports(program, files).flatMap((m) => m.names);
    const declaredNames = checker.getExportsOfModule(declared).map((s) => s.name);
    assert.deepEqual([...declaredNames].sort(), [...provided].sort());
  });
});
