// Tests run tfjs on the same backend as the worker (wasm), loaded from node_modules.
import { dirname, join } from 'node:path';
import { initBackend } from '../../../src/core/engine/backend';

export function useTfBackend(): Promise<string> {
  const wasmDir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  return initBackend({ wasmPath: wasmDir + '/', usePlatformFetch: false });
}
