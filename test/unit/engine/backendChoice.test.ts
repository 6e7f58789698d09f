// The webview's backend choice (src/core/engine/backendChoice.ts): WebGPU only on a hardware
// adapter, wasm on every other outcome of the probe, and the setting that forces wasm.
import assert from 'node:assert/strict';
import { chooseBackends, type GpuAdapterLike, type GpuLike } from '../../../src/core/engine/backendChoice';

const gpuWith = (answer: () => Promise<GpuAdapterLike | null>): GpuLike & { calls: number } => {
  const gpu = {
    calls: 0,
    requestAdapter: () => {
      gpu.calls++;
      return answer();
    },
  };
  return gpu;
};
const never = (): Promise<never> => new Promise(() => undefined);
const hardware = { info: { vendor: 'nvidia', architecture: 'ampere' } };

describe('the webview backend choice', () => {
  it('takes wasm when the page has no navigator.gpu', async () => {
    const choice = await chooseBackends({ gpu: undefined });
    assert.deepEqual(choice.preferred, ['wasm', 'cpu']);
    assert.match(choice.reason, /no WebGPU/);
  });

  it('takes wasm when the adapter request rejects', async () => {
    const choice = await chooseBackends({ gpu: gpuWith(() => Promise.reject(new Error('blocked'))) });
    assert.deepEqual(choice.preferred, ['wasm', 'cpu']);
    assert.match(choice.reason, /failed \(blocked\)/);
  });

  it('takes wasm when there is no adapter (null)', async () => {
    const choice = await chooseBackends({ gpu: gpuWith(() => Promise.resolve(null)) });
    assert.deepEqual(choice.preferred, ['wasm', 'cpu']);
    assert.match(choice.reason, /no adapter/);
  });

  it('takes wasm when the adapter request never answers (after the timeout, on an injected clock)', async () => {
    const waited: number[] = [];
    const choice = await chooseBackends({
      gpu: gpuWith(never),
      timeoutMs: 1234,
      wait: (ms) => {
        waited.push(ms);
        return Promise.resolve();
      },
    });
    assert.deepEqual(choice.preferred, ['wasm', 'cpu']);
    assert.deepEqual(waited, [1234]);
    assert.match(choice.reason, /did not answer/);
  });

  it('takes wasm on a software adapter (SwiftShader emulates the GPU on the CPU)', async () => {
    const choice = await chooseBackends({
      gpu: gpuWith(() => Promise.resolve({ info: { vendor: 'google', architecture: 'swiftshader' } })),
    });
    assert.deepEqual(choice.preferred, ['wasm', 'cpu']);
    assert.match(choice.reason, /software \(swiftshader\)/);
  });

  it('takes WebGPU first, then wasm, on a hardware adapter', async () => {
    const choice = await chooseBackends({ gpu: gpuWith(() => Promise.resolve(hardware)), wait: never });
    assert.deepEqual(choice.preferred, ['webgpu', 'wasm', 'cpu']);
    assert.equal(choice.reason, 'WebGPU adapter: nvidia ampere');
  });

  it('takes WebGPU on an adapter that does not describe itself (no info)', async () => {
    const choice = await chooseBackends({ gpu: gpuWith(() => Promise.resolve({})), wait: never });
    assert.deepEqual(choice.preferred, ['webgpu', 'wasm', 'cpu']);
  });

  it('takes wasm without asking the GPU when hw6.webviewBackend is "wasm"', async () => {
    const gpu = gpuWith(() => Promise.resolve(hardware));
    const choice = await chooseBackends({ gpu, setting: 'wasm' });
    assert.deepEqual(choice.preferred, ['wasm', 'cpu']);
    assert.equal(gpu.calls, 0);
    assert.match(choice.reason, /hw6\.webviewBackend/);
  });
});
