// A submission as the grader reads it: a folder or a .zip (unpacked into a temporary folder), with
// the student's files found wherever they are in it: uploads often nest them (`hw6/`, `submission/`).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { ANSWERS_FILE } from '../../core/answers/document';
import { problems } from '../../core/problems';
import type { WorkspaceFiles } from '../jobs';
import { UsageError } from '../usageError';
import { extractZip, type ZipLimits } from './zip';

export interface Submission {
  /** The name the gradebook shows: the folder's or the .zip's name. */
  name: string;
  /** What was given on the command line. */
  source: string;
  files: WorkspaceFiles;
  /** Student files found more than once (the shallowest is graded), for the log. */
  duplicates: string[];
  /** Removes the temporary folder of a .zip. */
  dispose(): void;
}

/** Folders never searched: tooling, version control, macOS's zip leftovers. */
const SKIPPED = new Set(['node_modules', '.git', '__MACOSX', '.vscode', 'dist', 'out']);
const MAX_DEPTH = 6;
/** A student's file is small; anything larger is not a homework file. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

export function openSubmission(path: string, zipLimits?: ZipLimits): Submission {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new UsageError(`The submission ${path} does not exist.`);
  }
  if (stat.isDirectory()) {
    return { name: basename(path), source: path, ...locate(path), dispose: () => {} };
  }
  if (!path.toLowerCase().endsWith('.zip'))
    throw new UsageError(`The submission ${path} is neither a folder nor a .zip.`);
  const dir = mkdtempSync(join(tmpdir(), 'hw6-grade-'));
  const dispose = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    extractZip(path, dir, zipLimits);
    return { name: basename(path).replace(/\.zip$/i, ''), source: path, ...locate(dir), dispose };
  } catch (err) {
    dispose();
    throw err;
  }
}

/** The homework files under `root`: for each, the shallowest copy (then the first by path). */
function locate(root: string): { files: WorkspaceFiles; duplicates: string[] } {
  const wanted = new Set([...problems.map((p) => p.studentFile), ANSWERS_FILE]);
  const found = new Map<string, string[]>();
  const walk = (dir: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      let s;
      try {
        s = statSync(path);
      } catch {
        continue;
      }
      if (s.isDirectory()) {
        if (depth < MAX_DEPTH && !SKIPPED.has(name) && !name.startsWith('.')) walk(path, depth + 1);
      } else if (s.isFile() && wanted.has(name) && s.size <= MAX_FILE_BYTES) {
        found.set(name, [...(found.get(name) ?? []), path]);
      }
    }
  };
  walk(root, 0);
  const pick = (name: string): string | undefined => {
    const paths = found.get(name);
    if (!paths) return undefined;
    const depth = (p: string): number => relative(root, p).split(/[\\/]/).length;
    return [...paths].sort((a, b) => depth(a) - depth(b) || a.localeCompare(b))[0];
  };
  const students = new Map<string, { file: string; source: string }>();
  for (const p of problems) {
    const file = pick(p.studentFile);
    if (file) students.set(p.id, { file, source: readFileSync(file, 'utf8') });
  }
  const answersFile = pick(ANSWERS_FILE);
  const duplicates = [...found.entries()].filter(([, paths]) => paths.length > 1).map(([name]) => name);
  return {
    files: {
      dir: root,
      students,
      ...(answersFile ? { answers: { file: ANSWERS_FILE, text: readFileSync(answersFile, 'utf8') } } : {}),
    },
    duplicates,
  };
}
