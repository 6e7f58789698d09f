// What the autograder tests share: Gradescope's results.json as its documentation specifies it
// (gradescope-autograders.readthedocs.io, "Autograder Specifications": the output format), the
// packaged autograder.zip unpacked the way Gradescope lays it out, and run_autograder run on a
// submission with /autograder moved to a temporary folder.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import { z } from 'zod';
import { repoRoot } from '../support/repo';

const visibility = z.enum(['hidden', 'after_due_date', 'after_published', 'visible']);
const outputFormat = z.enum(['text', 'html', 'simple_format', 'md', 'ansi']);

/** One test case of results.json; `.strict()`: a misspelt key is an error, not a silent extra. */
export const gradescopeTest = z
  .object({
    score: z.number().optional(),
    max_score: z.number().optional(),
    status: z.enum(['passed', 'failed']).optional(),
    name: z.string().optional(),
    name_format: outputFormat.optional(),
    number: z.string().optional(),
    output: z.string().optional(),
    output_format: outputFormat.optional(),
    tags: z.array(z.string()).optional(),
    visibility: visibility.optional(),
    extra_data: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** Gradescope's results.json: `score` is required unless every test has one. */
export const gradescopeResults = z
  .object({
    score: z.number().optional(),
    execution_time: z.number().nonnegative().optional(),
    output: z.string().optional(),
    output_format: outputFormat.optional(),
    test_output_format: outputFormat.optional(),
    test_name_format: outputFormat.optional(),
    visibility: visibility.optional(),
    stdout_visibility: visibility.optional(),
    extra_data: z.record(z.string(), z.unknown()).optional(),
    tests: z.array(gradescopeTest).optional(),
    leaderboard: z
      .array(z.object({ name: z.string(), value: z.union([z.number(), z.string()]), order: z.string().optional() }))
      .optional(),
  })
  .strict()
  .refine((r) => r.score !== undefined || (r.tests ?? []).every((t) => t.score !== undefined), {
    message: 'score is required unless every test has one',
  });

/**
 * What HW6 Lab's grader always writes on top of the documented format: the total, the execution
 * time, and per test its name, points, status, output and visibility.
 */
export const labResults = z.object({
  score: z.number(),
  execution_time: z.number().nonnegative(),
  output: z.string().optional(),
  tests: z.array(
    z.object({
      name: z.string().min(1),
      score: z.number().nonnegative(),
      max_score: z.number().nonnegative(),
      status: z.enum(['passed', 'failed']),
      output: z.string(),
      visibility: visibility,
    }),
  ),
});
export type LabResults = z.infer<typeof labResults>;

/** Builds autograder.zip with the real packaging script (from the dist/ already built). */
export function packageAutograder(out: string): void {
  const r = spawnSync(
    process.execPath,
    [join(repoRoot(), 'scripts/package-autograder.mjs'), '--no-build', '--out', out],
    {
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`package-autograder failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

/** An entry of the archive: its name and Unix mode (the permission bits). */
export interface ZipEntry {
  name: string;
  mode: number;
}

/** Unpacks `zip` into `dir` as unzip would (Unix modes kept); returns its entries. */
export async function unpack(zip: string, dir: string): Promise<ZipEntry[]> {
  const archive = await JSZip.loadAsync(readFileSync(zip));
  const entries: ZipEntry[] = [];
  for (const file of Object.values(archive.files)) {
    if (file.dir) continue;
    const target = join(dir, file.name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, await file.async('nodebuffer'));
    const mode = typeof file.unixPermissions === 'number' ? file.unixPermissions & 0o777 : 0o644;
    chmodSync(target, mode);
    entries.push({ name: file.name, mode });
  }
  return entries;
}

/** A fresh /autograder: `source/` unpacked from `zip`, an empty `submission/`, no `results/`. */
export async function autograderRoot(zip: string): Promise<{ root: string; entries: ZipEntry[] }> {
  const root = mkdtempSync(join(tmpdir(), 'hw6-autograder-'));
  const entries = await unpack(zip, join(root, 'source'));
  mkdirSync(join(root, 'submission'));
  return { root, entries };
}

/** Copies a folder into the root's submission/. */
export function submit(root: string, from: string): void {
  cpSync(from, join(root, 'submission'), { recursive: true });
}

/** PATH with this test's Node first, so the scripts' `node` is the one running the tests. */
export function pathWithThisNode(): string {
  return `${dirname(process.execPath)}:${process.env.PATH ?? ''}`;
}

/** Runs `script` (its shebang picks the shell) as Gradescope would (stdout, stderr collected). */
export function runScript(
  script: string,
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(script, [], {
      cwd,
      env: { ...process.env, PATH: pathWithThisNode(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Runs the unpacked run_autograder on what is in the root's submission/; returns results.json, parsed. */
export async function runAutograder(root: string): Promise<{ results: unknown; log: string }> {
  const r = await runScript(join(root, 'source', 'run_autograder'), { HW6_AUTOGRADER_ROOT: root }, root);
  const log = `${r.stdout}\n${r.stderr}`;
  if (r.code !== 0) throw new Error(`run_autograder exited with ${r.code}:\n${log}`);
  let text: string;
  try {
    text = readFileSync(join(root, 'results', 'results.json'), 'utf8');
  } catch {
    throw new Error(`run_autograder wrote no results/results.json:\n${log}`);
  }
  return { results: JSON.parse(text) as unknown, log };
}
