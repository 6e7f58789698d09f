// The run's child gets relaxed SIMD (the lab's FMA GEMM) on every runtime: the flag where this V8
// keeps it behind one, nothing where it is on by default, and a real child on this Node compiles
// the FMA kernel with exactly the flags the lab passes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { RELAXED_SIMD_FLAG, relaxedSimdFlags } from '../../../src/runner/childArgs';
import { childCommandLine } from '../../../src/runner/childSpawn';
import { simdGemmModuleBytes } from '../../../src/core/tfjsWasm/simdGemm';

const ARGS = { wasmDir: '/lab/dist/wasm', mediaDir: '/lab/media', tmpDir: '/tmp/run', memoryMb: 2048 };

describe('relaxed SIMD in the run child', () => {
  it('passes the flag only to a V8 that keeps relaxed SIMD behind it', () => {
    assert.deepEqual(relaxedSimdFlags('11.3.244.8-node.38'), [RELAXED_SIMD_FLAG]); // Node 20
    assert.deepEqual(relaxedSimdFlags('10.2.154.26-node.26'), [RELAXED_SIMD_FLAG]); // Node 18
    assert.deepEqual(relaxedSimdFlags('11.4.183.0'), []); // Chromium 114: shipped
    assert.deepEqual(relaxedSimdFlags('12.4.254.21-node.33'), []); // Node 22
    assert.deepEqual(relaxedSimdFlags('13.6.233.10-electron.0'), []);
    assert.deepEqual(relaxedSimdFlags(undefined), []);
    assert.deepEqual(relaxedSimdFlags('9.4.146.26'), []); // no such flag yet: the kernel falls back
  });

  it("puts the flag on the child's command line when this runtime needs it, before the script", () => {
    const flags = { confined: false as const, args: [], reason: 'not confined in this test' };
    const line = childCommandLine(flags, { childScript: '/lab/dist/child.js', args: ARGS, readable: [] });
    const needed = relaxedSimdFlags(process.versions.v8).length > 0;
    const at = line.indexOf(RELAXED_SIMD_FLAG);
    assert.equal(at >= 0, needed, `V8 ${process.versions.v8}`);
    if (needed) assert.ok(at < line.indexOf('/lab/dist/child.js'));
    const other = childCommandLine(flags, {
      childScript: '/lab/dist/child.js',
      args: ARGS,
      readable: [],
      execPath: '/some/other/runtime',
    });
    assert.ok(!other.includes(RELAXED_SIMD_FLAG), 'not for a runtime whose V8 is unknown');
  });

  it('a child started with those flags compiles the FMA GEMM', () => {
    const bytes = Buffer.from(simdGemmModuleBytes('fma', false)).toString('base64');
    const script = `process.stdout.write(String(WebAssembly.validate(Buffer.from(process.argv[1], 'base64'))))`;
    const run = (flags: string[]) =>
      spawnSync(process.execPath, [...flags, '-e', script, bytes], { encoding: 'utf8', timeout: 60_000 });
    const child = run(relaxedSimdFlags(process.versions.v8));
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stdout, 'true');
  });
});
