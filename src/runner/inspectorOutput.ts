// What Node's inspector writes to a debug run's child's stderr: the address a debugger attaches to
// (the first line, written before any code of the child runs) and its notices, which are not the
// run's output. Only that first line is believed: later output could be the student's.

/** Where a debug run's child waits for the debugger. */
export interface InspectorAddress {
  host: string;
  port: number;
}

const LISTENING = /^Debugger listening on ws:\/\/(127\.0\.0\.1):(\d{1,5})\//;
const NOTICES = [
  /^Debugger listening on ws:\/\//,
  /^For help, see: https:\/\/nodejs\.org\//,
  /^Debugger attached\.$/,
  /^Waiting for the debugger to disconnect\.\.\.$/,
  /^Debugger ending on ws:\/\//,
];

/** The address in the inspector's "Debugger listening on ws://127.0.0.1:<port>/<id>" line (loopback only). */
export function inspectorAddress(line: string): InspectorAddress | undefined {
  const m = LISTENING.exec(line);
  if (!m) return undefined;
  const port = Number(m[2]);
  return port > 0 && port < 65536 ? { host: m[1]!, port } : undefined;
}

export function isInspectorNotice(line: string): boolean {
  return NOTICES.some((n) => n.test(line));
}

/**
 * A filter of a debugged child's stderr: tells `onAddress` the first line's address (once, or never
 * when the first line is not one) and returns what is left of each chunk for the run's log.
 */
export function inspectorStderr(onAddress: (address: InspectorAddress) => void): (chunk: string) => string {
  let first = true;
  let pending = '';
  return (chunk) => {
    if (first) {
      // the first line may arrive in pieces
      pending += chunk;
      const end = pending.indexOf('\n');
      if (end < 0) return '';
      first = false;
      const address = inspectorAddress(pending.slice(0, end).replace(/\r$/, ''));
      if (address) onAddress(address);
      chunk = pending;
      pending = '';
    }
    return chunk
      .split('\n')
      .filter((line) => !isInspectorNotice(line.replace(/\r$/, '')))
      .join('\n');
  };
}
