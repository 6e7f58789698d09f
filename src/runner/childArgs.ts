// What the judge hands a child process on its command line, and what a dying child leaves behind.
import { z } from 'zod';

export interface ChildArgs {
  /** Folder of tfjs-backend-wasm*.wasm. */
  wasmDir: string;
  /** The lab's media/ folder (ctx.files.readAsset). */
  mediaDir: string;
  /** The run's own folder: the only place the child may write. */
  tmpDir: string;
  /** hw6.memoryLimitMB: the resident set the child may reach. */
  memoryMb: number;
  /** A spare, started ahead of its run: it warms tfjs up (warmUp.ts) until a run asks for it. */
  warmUp?: boolean;
}

/** How the child's process ended when the student's code ended it, and at which student line. */
export const lastWordsSchema = z.object({
  how: z.enum(['exit', 'kill', 'unhandled-rejection', 'uncaught-exception']),
  code: z.number().int().optional(),
  signal: z.string().max(40).optional(),
  message: z.string().max(2000).optional(),
  line: z.number().int().min(1).optional(),
});
export type LastWords = z.infer<typeof lastWordsSchema>;

/** V8's switch for relaxed SIMD, which V8 ships on from 11.4 (Chromium 114, Node 22; Node 20 has 11.3). */
export const RELAXED_SIMD_FLAG = '--experimental-wasm-relaxed-simd';

/**
 * The runtime flags a child on V8 `v8Version` needs for the lab's FMA GEMM (src/core/tfjsWasm/
 * simdGemm.ts): relaxed SIMD where that V8 has it behind a flag; none where it is on (a V8 that no
 * longer knows the flag would refuse to start with it) or when the version is unknown.
 */
export function relaxedSimdFlags(v8Version: string | undefined): string[] {
  const [major, minor] = (v8Version ?? '').split('.').map(Number);
  if (!Number.isInteger(major) || !Number.isInteger(minor)) return [];
  const behindFlag = major < 11 ? major >= 10 : major === 11 && minor < 4; // the flag exists from V8 10.x
  return behindFlag ? [RELAXED_SIMD_FLAG] : [];
}
