// How "Open in Browser" reaches the exported report, decided without vscode. A desktop VS Code on
// the student's own machine opens the file itself (file:// in their browser). Anywhere else (a
// browser workbench such as code-server, or a remote window) the file lives on a machine the
// browser cannot read: the lab serves it over HTTP on the extension host's 127.0.0.1 and the
// editor forwards that port (vscode.env.asExternalUri: code-server's /proxy/<port>/).
export interface EditorPlace {
  /** vscode.env.uiKind === UIKind.Desktop */
  desktop: boolean;
  /** vscode.env.remoteName (undefined in a local window) */
  remoteName: string | undefined;
}

export function opensFileDirectly(place: EditorPlace): boolean {
  return place.desktop && place.remoteName === undefined;
}

/** The files the report server serves, by the path after its token: only these, nothing else of the folder. */
export const SERVED_REPORT_FILES: Readonly<Record<string, string>> = {
  'report.html': 'text/html; charset=utf-8',
  'report.md': 'text/markdown; charset=utf-8',
};

/** The file a request path names (`/<token>/report.html`), or undefined for anything else. */
export function servedFile(path: string, token: string): string | undefined {
  const prefix = `/${token}/`;
  if (!path.startsWith(prefix)) return undefined;
  const name = decodeURIComponent(path.slice(prefix.length).split('?')[0] ?? '');
  return Object.hasOwn(SERVED_REPORT_FILES, name) ? name : undefined;
}
