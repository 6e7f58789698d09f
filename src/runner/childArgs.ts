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
