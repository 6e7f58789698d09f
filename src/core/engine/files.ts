// What a run may read, supplied by its host: the Node worker reads the extension's media/ folder and
// absolute paths; a webview fetches its media URIs and cannot read user files.

export interface RunFiles {
  /** A file shipped with the lab, by its path under `media/` (e.g. `data/mnist10k.bin.gz`). */
  readAsset(name: string): Promise<Uint8Array>;
  /**
   * A file the user named in a setting (an absolute path, e.g. an IDX file). Rejects with an Error
   * whose message names the path when it cannot be read, or when the host cannot read files at all.
   */
  readUserFile(path: string): Promise<Uint8Array>;
}
