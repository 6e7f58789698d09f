// A ChildLink to a ChildEngine in this same thread, for the unit tests: the same
// protocol, the same validation and the same cloning of every message as across a process, with
// the solution's exports handed over directly instead of compiled code.
import type { ProblemChild, ProblemConfig } from '../problem';
import type { ChildLink } from './session';
import { ChildEngine } from './childEngine';
import type { ToChild } from './childProtocol';
import type { RunFiles } from './files';
import { activeBackend } from './backend';

export interface LocalLinkOptions {
  child: ProblemChild<unknown, ProblemConfig>;
  /** The module's exports (a student's, or the reference's), as if loaded from `file`. */
  exports: Record<string, unknown>;
  files?: RunFiles;
  /** Defaults to wall time. */
  clock?: () => number;
}

export function localLink(options: LocalLinkOptions): ChildLink {
  let onMessage: (raw: unknown) => void = () => undefined;
  const engine = new ChildEngine({
    send: (message) => queueMicrotask(() => onMessage(structuredClone(message))),
    findProblem: (id) => (id === options.child.id ? options.child : undefined),
    load: () => options.exports,
    lineOf: () => undefined,
    initBackend: async () => activeBackend(),
    clock: options.clock ?? Date.now,
    ...(options.files ? { files: options.files } : {}),
    permission: false,
  });
  return {
    post: (message: ToChild) => void engine.receive(structuredClone(message)),
    listen(listener) {
      onMessage = listener;
    },
    close: async () => undefined,
  };
}
