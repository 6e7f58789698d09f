// Student files as the lab sees them: loaded with types stripped and `require` answering "@tensorflow/tfjs"
// and "hw6-lab" with the lab's own modules; type-checked in a fresh copy of the shipped workspace; their
// TODO markers placed inside the functions they belong to.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transform } from 'sucrase';
import ts from 'typescript';
import { findMarkers } from '../../../src/core/markers';
import type { MarkerSpec } from '../../../src/core/problem';
import { studentRequire } from '../../../src/core/studentModule';
import { repoRoot } from './repo';

export const WORKSPACE = join(repoRoot(), 'media', 'workspace');

/** A student file's exports, as the lab's runner would see them. */
export function loadStudentExports(file: string): Record<string, unknown> {
  const { code } = transform(readFileSync(file, 'utf8'), { transforms: ['typescript', 'imports'] });
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', code)(module, module.exports, studentRequire(file));
  return module.exports;
}

/** Type errors of a copy of the workspace with `files` (name → text) written over it (outside the repo: no node_modules, only the shipped declarations). */
export function typeErrorsWith(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'hw6-workspace-'));
  try {
    cpSync(WORKSPACE, dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const { config } = ts.readConfigFile(join(dir, 'tsconfig.json'), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dir);
    const program = ts.createProgram(parsed.fileNames, parsed.options);
    return ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The template carries the problem's markers in order, each in the body of the (first) function it exports. */
export function assertMarkersInTheirFunctions(source: string, markers: readonly MarkerSpec[]): void {
  const hits = findMarkers(source);
  assert.deepEqual(
    hits.map((h) => h.id),
    markers.map((m) => m.id),
  );
  const lines = source.split('\n');
  for (const [i, hit] of hits.entries()) {
    const [name] = markers[i]!.exports;
    const header = lines
      .slice(0, hit.line)
      .reverse()
      .find((l) => l.startsWith('export function '));
    assert.ok(header?.startsWith(`export function ${name}(`), `${hit.id} sits in ${header}`);
  }
}
