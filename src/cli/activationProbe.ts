// Measures the extension's own activation cost: in a fresh worker thread (cold module cache),
// `require(dist/extension.js)` then `activate(context)`, with a stand-in for the `vscode` module
// that records every API call and returns inert objects. What it leaves out: VS Code's own
// extension-host work (reading the manifest, starting the host), which no extension controls.
import { Worker } from 'node:worker_threads';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ActivationSample {
  requireMs: number;
  activateMs: number;
  /** How many vscode API calls activate() made (a sanity check that it really ran). */
  vscodeCalls: number;
}

export interface ProbeRequest {
  probe: 'extension-activation';
  extensionJs: string;
  extensionRoot: string;
  /** The vscode module's top-level names (namespaces, classes, enums): bundles copy exactly these. */
  apiNames: string[];
}

/** The top-level names of the `vscode` API, read from @types/vscode (a dev dependency: bench runs from the repo). */
export function vscodeApiNames(packageRoot: string): string[] {
  const dts = readFileSync(join(packageRoot, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  return [
    ...new Set([...dts.matchAll(/^\texport (?:namespace|class|enum|const|function|let) (\w+)/gm)].map((m) => m[1]!)),
  ];
}

/** Runs one sample in a new worker thread that executes `script` (the bench bundle) in probe mode. */
export function sampleActivation(script: string, request: Omit<ProbeRequest, 'probe'>): Promise<ActivationSample> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, {
      workerData: { probe: 'extension-activation', ...request } satisfies ProbeRequest,
      stdout: true,
      stderr: true,
    });
    worker.once('message', (m: ActivationSample | { error: string }) => {
      // the activated extension may keep timers or watchers alive: the sample is taken, end the thread
      void worker.terminate();
      if ('error' in m) reject(new Error(`activate() failed with the stand-in: ${m.error}`));
      else resolve(m);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the probe exited (code ${code}) without a result`)));
  });
}

/** The probe itself, inside the worker. */
export async function runActivationProbe(
  request: ProbeRequest,
  post: (m: ActivationSample | { error: string }) => void,
): Promise<void> {
  const storage = mkdtempSync(join(tmpdir(), 'hw6-activation-'));
  try {
    const recorder = createVscodeStandIn(request.extensionRoot, request.apiNames);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
    const load = Module._load;
    Module._load = function (id: string, ...rest: unknown[]) {
      return id === 'vscode' ? recorder.vscode : load.call(this, id, ...rest);
    };
    const t0 = performance.now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const extension = require(request.extensionJs) as { activate(context: unknown): unknown };
    const t1 = performance.now();
    await extension.activate(recorder.context(storage));
    const t2 = performance.now();
    post({ requireMs: t1 - t0, activateMs: t2 - t1, vscodeCalls: recorder.calls() });
  } catch (err) {
    post({ error: err instanceof Error ? err.message : String(err) });
  } finally {
    rmSync(storage, { recursive: true, force: true });
  }
}

type Stand = ((...args: unknown[]) => unknown) & Record<string | symbol, unknown>;

/**
 * A `vscode` module where every property is another stand-in, every call is recorded and returns
 * a stand-in, and what code commonly inspects behaves plainly: Uri is a small real implementation,
 * stand-ins are not thenables, iterate as empty and `dispose()` does nothing.
 */
function createVscodeStandIn(extensionRoot: string, apiNames: readonly string[]) {
  let calls = 0;
  const make = (path: string): Stand => {
    const assigned = new Map<string | symbol, unknown>();
    return new Proxy(function () {} as unknown as Stand, {
      set(_t, prop, value) {
        assigned.set(prop, value);
        return true;
      },
      get(_t, prop) {
        if (assigned.has(prop)) return assigned.get(prop);
        if (prop === 'then') return undefined;
        if (prop === Symbol.iterator) return function* () {};
        if (prop === Symbol.toPrimitive || prop === 'toString') return () => path;
        if (prop === 'dispose') return () => {};
        return make(`${path}.${String(prop)}`);
      },
      apply() {
        calls++;
        return make(`${path}()`);
      },
      construct() {
        calls++;
        return make(`new ${path}`);
      },
    });
  };

  class Uri {
    constructor(
      readonly scheme: string,
      readonly path: string,
      readonly fragment = '',
      readonly query = '',
    ) {}
    static file(path: string): Uri {
      return new Uri('file', path);
    }
    static parse(value: string): Uri {
      const url = new URL(value);
      return new Uri(url.protocol.replace(/:$/, ''), decodeURIComponent(url.pathname));
    }
    static joinPath(base: Uri, ...parts: string[]): Uri {
      return new Uri(base.scheme, join(base.path, ...parts));
    }
    get fsPath(): string {
      return this.path;
    }
    with(change: { fragment?: string; query?: string; path?: string }): Uri {
      return new Uri(
        this.scheme,
        change.path ?? this.path,
        change.fragment ?? this.fragment,
        change.query ?? this.query,
      );
    }
    toString(): string {
      return pathToFileURL(this.path).href + (this.fragment ? `#${this.fragment}` : '');
    }
  }

  const memento = () => {
    const values = new Map<string, unknown>();
    return {
      get: (k: string, d?: unknown) => (values.has(k) ? values.get(k) : d),
      update: async (k: string, v: unknown) => void values.set(k, v),
      keys: () => [...values.keys()],
      setKeysForSync() {},
    };
  };

  const vscode: Record<string, unknown> = { version: '1.95.0' };
  for (const name of apiNames) if (name !== 'version') vscode[name] = name === 'Uri' ? Uri : make(`vscode.${name}`);

  return {
    vscode,
    calls: () => calls,
    context: (storage: string) => ({
      subscriptions: [] as { dispose(): void }[],
      extensionPath: extensionRoot,
      extensionUri: Uri.file(extensionRoot),
      asAbsolutePath: (p: string) => join(extensionRoot, p),
      globalState: memento(),
      workspaceState: memento(),
      storageUri: Uri.file(join(storage, 'workspace')),
      globalStorageUri: Uri.file(join(storage, 'global')),
      logUri: Uri.file(join(storage, 'log')),
      storagePath: join(storage, 'workspace'),
      globalStoragePath: join(storage, 'global'),
      logPath: join(storage, 'log'),
      extensionMode: 1,
      secrets: make('context.secrets'),
      environmentVariableCollection: make('context.environmentVariableCollection'),
      extension: make('context.extension'),
    }),
  };
}
