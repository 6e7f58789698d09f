// Which runs `hw6-lab run|check --workspace` makes, and what they carry: the student's files, and
// answers.md for the problems that judge answers (a problem answered but without its file is
// checked with the reference solution).
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWorkspace, workspaceJobs, type WorkspaceFiles } from '../../../src/cli/jobs';
import { findProblem } from '../../../src/core/problems';
import { UsageError } from '../../../src/cli/usageError';

const Q2 = findProblem('attention-scaling')!;
const Q5 = findProblem('beam-search')!;
const ANSWERS = '# Answers\n\n## 2a\nAnswer: d*mu^2\n';

const ws = (students: string[], answers?: string): WorkspaceFiles => ({
  dir: '/w',
  students: new Map(students.map((id) => [id, { file: `/w/${findProblem(id)!.studentFile}`, source: `// ${id}` }])),
  ...(answers !== undefined ? { answers: { file: 'answers.md', text: answers } } : {}),
});

const check = { config: {}, checksOnly: true, answersWithReference: true } as const;
const run = { config: { quick: true }, checksOnly: false, answersWithReference: false } as const;

describe('CLI workspace jobs', () => {
  it('check: the present files, plus a problem answered in answers.md whose file is absent (reference solution)', () => {
    const jobs = workspaceJobs(ws(['beam-search'], ANSWERS), { ...check, ids: [] });
    assert.deepEqual(
      jobs.map((j) => [j.problem.id, j.solution.kind, j.answers?.file]),
      [
        ['attention-scaling', 'reference', 'answers.md'],
        ['beam-search', 'student', 'answers.md'],
      ],
    );
    assert.equal(jobs[0]!.answers!.text, ANSWERS);
  });

  it("check: the student's file wins over the reference when both could run", () => {
    const [job] = workspaceJobs(ws(['attention-scaling'], ANSWERS), { ...check, ids: [Q2] });
    assert.deepEqual([job!.solution.kind, job!.answers?.text], ['student', ANSWERS]);
  });

  it('check: answers.md without a heading of a problem does not bring that problem in', () => {
    assert.throws(
      () => workspaceJobs(ws([], '# Answers\n\nnothing yet\n## 3z\n'), { ...check, ids: [] }),
      (e: unknown) =>
        e instanceof UsageError &&
        /No homework files in \/w .*or an answers\.md answering their questions/.test(e.message),
    );
    assert.throws(
      () => workspaceJobs(ws([], '# nothing'), { ...check, ids: [Q2] }),
      /q2_attention_scaling\.ts is missing from \/w \(and answers\.md does not answer its questions 2a, 2b, 2c\)/,
    );
  });

  it('run: only the student files (answers.md rides along); a problem without its file is an error', () => {
    const jobs = workspaceJobs(ws(['attention-scaling', 'beam-search'], ANSWERS), { ...run, ids: [] });
    assert.deepEqual(
      jobs.map((j) => [j.problem.id, j.solution.kind, j.answers !== undefined, j.config.quick]),
      [
        ['attention-scaling', 'student', true, true],
        ['beam-search', 'student', true, true],
      ],
    );
    assert.throws(
      () => workspaceJobs(ws(['beam-search'], ANSWERS), { ...run, ids: [Q2, Q5] }),
      /q2_attention_scaling\.ts is missing from \/w\.$/,
    );
  });

  it('reads answers.md (when present) and the student files from the folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hw6-jobs-'));
    try {
      assert.equal(readWorkspace(dir).answers, undefined);
      writeFileSync(join(dir, 'answers.md'), ANSWERS);
      writeFileSync(join(dir, 'q5_beam_search.ts'), '// mine');
      const read = readWorkspace(dir);
      assert.deepEqual(read.answers, { file: 'answers.md', text: ANSWERS });
      assert.deepEqual(
        [...read.students].map(([id, s]) => [id, s.source]),
        [['beam-search', '// mine']],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
