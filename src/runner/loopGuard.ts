// Loop guards: every loop body in student code starts with a call to LOOP_GUARD, so an infinite
// loop throws at its own line once the run's deadline has passed, instead of hanging the worker.
// Insertions never add newlines, so line numbers stay exact.
import * as acorn from 'acorn';

import { LOOP_GUARD } from '../core/engine/loopGuard';

export { LOOP_GUARD };

const LOOP_TYPES = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);

/** Text inserted at an offset of the code it was computed from. */
export interface Insertion {
  at: number;
  text: string;
}

/** Adds `LOOP_GUARD();` at the start of every loop body; non-block bodies are wrapped in braces. */
export function insertLoopGuards(code: string): string {
  return applyInsertions(code, loopGuardInsertions(code));
}

/** Where insertLoopGuards inserts what, in order (a debug run's source map shifts columns by them). */
export function loopGuardInsertions(code: string): Insertion[] {
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true });
  const insertions: Insertion[] = [];
  visit(ast, (node) => {
    if (!LOOP_TYPES.has(node.type)) return;
    const body = (node as acorn.Node & { body: acorn.Node }).body;
    if (body.type === 'BlockStatement') {
      insertions.push({ at: body.start + 1, text: `${LOOP_GUARD}();` });
    } else {
      insertions.push({ at: body.start, text: `{${LOOP_GUARD}();` }, { at: body.end, text: '}' });
    }
  });
  return insertions.sort((a, b) => a.at - b.at);
}

/** `code` with the (sorted) insertions made. */
export function applyInsertions(code: string, insertions: readonly Insertion[]): string {
  let out = '';
  let from = 0;
  for (const { at, text } of insertions) {
    out += code.slice(from, at) + text;
    from = at;
  }
  return out + code.slice(from);
}

/** Visits every AST node (acorn's nodes are plain objects with a string `type`). */
function visit(node: acorn.Node, fn: (node: acorn.Node) => void): void {
  fn(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item, fn);
    } else if (isNode(value)) {
      visit(value, fn);
    }
  }
}

function isNode(value: unknown): value is acorn.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
