// The pthread worker script of tfjs-backend-wasm's threaded build, as its package ships it
// (wasm-out/*.worker.js: module.exports.wasmWorkerContents = `…`); used by wasmThreads.ts.
declare module '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js' {
  export const wasmWorkerContents: string;
}
