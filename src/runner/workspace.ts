// The student's workspace on disk: writing the template (never over a student's work) and finding
// which problems' files are there.
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { ProblemInfo } from '../core/problem';
import { problemCatalog as problems } from '../core/problems/catalog';

export interface InitResult {
  /** Paths written, relative to the target folder. */
  written: string[];
  /** Paths that already existed and were left untouched. */
  skipped: string[];
}

/** Copies every file of `templateDir` into `targetDir`; an existing file is skipped, never modified. */
export function initWorkspace(targetDir: string, templateDir: string): InitResult {
  if (!existsSync(templateDir) || !statSync(templateDir).isDirectory()) {
    throw new Error(`The workspace template is missing (${templateDir}).`);
  }
  const result: InitResult = { written: [], skipped: [] };
  const files = (readdirSync(templateDir, { recursive: true }) as string[])
    .filter((f) => statSync(join(templateDir, f)).isFile())
    .sort();
  if (files.length === 0) throw new Error(`The workspace template (${templateDir}) has no files.`);
  for (const file of files) {
    const target = join(targetDir, file);
    const rel = relative(targetDir, target).split('\\').join('/');
    if (existsSync(target)) {
      result.skipped.push(rel);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    // COPYFILE_EXCL: even a file created between the check and the copy is never overwritten.
    try {
      copyFileSync(join(templateDir, file), target, 1 /* fs.constants.COPYFILE_EXCL */);
      result.written.push(rel);
    } catch (err) {
      if ((err as { code?: string }).code !== 'EEXIST') throw err;
      result.skipped.push(rel);
    }
  }
  return result;
}

export interface StudentFile {
  problem: ProblemInfo;
  /** Absolute path. */
  file: string;
}

/** The problems whose student file exists directly in `dir`, in registry order. */
export function findStudentFiles(dir: string): StudentFile[] {
  return problems
    .map((problem) => ({ problem, file: join(dir, problem.studentFile) }))
    .filter(({ file }) => existsSync(file) && statSync(file).isFile());
}
