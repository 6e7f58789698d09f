// The problems' student helper modules (src/core/problems/<id>/studentHelpers.ts), found the way the
// bundler finds them (every folder that has one), and what each exports, by the TypeScript checker.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { repoRoot } from './repo';

const PROBLEMS = join(repoRoot(), 'src', 'core', 'problems');

export function studentHelperFiles(): string[] {
  return readdirSync(PROBLEMS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(PROBLEMS, d.name, 'studentHelpers.ts')))
    .map((d) => join(PROBLEMS, d.name, 'studentHelpers.ts'))
    .sort();
}

/** Each file's exported names (types and values), and those that are values (exist at run time); `program` must include the files. */
export function studentHelperExports(
  program: ts.Program,
  files: readonly string[],
): { file: string; names: string[]; values: string[] }[] {
  const checker = program.getTypeChecker();
  return files.map((file) => {
    const symbol = checker.getSymbolAtLocation(program.getSourceFile(file)!);
    const exported = symbol ? checker.getExportsOfModule(symbol) : [];
    const target = (s: ts.Symbol): ts.Symbol => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
    return {
      file,
      names: exported.map((s) => s.name),
      values: exported.filter((s) => target(s).flags & ts.SymbolFlags.Value).map((s) => s.name),
    };
  });
}
