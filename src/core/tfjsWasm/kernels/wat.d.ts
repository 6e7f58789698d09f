// A .wat kernel as the build gives it (scripts/watPlugin.mjs assembles it with wabt): its module's
// bytes for a plain memory and for a shared one (the threaded build's heap).
declare module '*.wat' {
  const kernel: { plain: Uint8Array; shared: Uint8Array };
  export default kernel;
}
