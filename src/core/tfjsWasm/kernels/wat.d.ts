// A .wat kernel as the build gives it (scripts/watPlugin.mjs assembles it with wabt): its module's
// bytes for a plain memory and for a shared one (the threaded build's heap), and for a kernel
// written with relaxed SIMD's fused multiply-add, the same module in plain SIMD128 (`fallback`).
declare module '*.wat' {
  const kernel: {
    plain: Uint8Array;
    shared: Uint8Array;
    fallback?: { plain: Uint8Array; shared: Uint8Array };
  };
  export default kernel;
}
