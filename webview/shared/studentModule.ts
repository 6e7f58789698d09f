// Evaluates a student's compiled CommonJS module inside the panel without eval or new Function
// (the CSP forbids 'unsafe-eval'): the code is wrapped in a function by an inline <script> that
// carries the page's nonce, which registers the function on a one-off global.
import type { SourceLocation } from '../../src/core/engine/events';
import { baseName } from '../../src/core/paths';
import { MODULE_PARAMS, studentLineInStack, studentRequire } from '../../src/core/studentModule';

type ModuleFactory = (
  exports: Record<string, unknown>,
  require: (id: string) => unknown,
  module: { exports: Record<string, unknown> },
  loopGuard: () => void,
) => void;

let counter = 0;

/** The nonce of the script that loaded this bundle (read once: browsers hide the attribute later). */
const pageNonce: string =
  (document.currentScript as HTMLScriptElement | null)?.nonce ||
  document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce ||
  '';

/** Where stack frames of student code point: `hw6-student/<file>` (lines match the student's file). */
export function studentSourceUrl(file: string): string {
  return `hw6-student/${baseName(file)}`;
}

export function loadStudentModule(code: string, file: string, loopGuard: () => void): Record<string, unknown> {
  if (!pageNonce) throw new Error('The panel cannot run student code: its script has no nonce.');
  const key = `__hw6_module_${++counter}`;
  const registry = window as unknown as Record<string, ModuleFactory | undefined>;
  const script = document.createElement('script');
  script.nonce = pageNonce;
  // The code starts on the wrapper's first line, so its line numbers are the student's.
  script.textContent =
    `window[${JSON.stringify(key)}] = function (${MODULE_PARAMS.join(', ')}) {${code}\n};\n` +
    `//# sourceURL=${studentSourceUrl(file)}`;
  let syntaxError: ErrorEvent | undefined;
  const onError = (e: ErrorEvent) => {
    syntaxError = e;
    e.preventDefault();
  };
  window.addEventListener('error', onError);
  try {
    document.head.append(script);
  } finally {
    window.removeEventListener('error', onError);
    script.remove();
  }
  const factory = registry[key];
  delete registry[key];
  if (!factory) {
    const err = new SyntaxError(
      syntaxError?.message.replace(/^Uncaught SyntaxError: /, '') ?? `${baseName(file)} could not be loaded.`,
    );
    if (syntaxError?.lineno) (err as SyntaxError & { line?: number }).line = syntaxError.lineno;
    throw err;
  }
  const module = { exports: {} as Record<string, unknown> };
  factory(module.exports, studentRequire(file), module, loopGuard);
  return module.exports;
}

/** The student's line where `err` was thrown (its first stack frame in the student's module). */
export function locateStudentError(err: unknown, file: string): SourceLocation | undefined {
  const line = (err as { line?: unknown } | undefined)?.line;
  if (err instanceof SyntaxError && typeof line === 'number') return { file: baseName(file), line };
  const found = studentLineInStack(err, studentSourceUrl(file));
  return found === undefined ? undefined : { file: baseName(file), line: found };
}
