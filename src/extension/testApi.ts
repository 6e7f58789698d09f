// Whether activate() hands its Hw6Api (the host tests' view of the panels and decorations) to
// whoever calls `extension.activate()` / reads `extension.exports`.
//
// The API is for tests: it can show arbitrary runs in the panels and feed a panel messages as if
// its webview had posted them. Extensions share one extension host process, so it grants another
// extension nothing it could not do anyway; still, a shipped extension should not offer an
// undocumented surface that others come to depend on, or that puts results the student never ran
// on screen. So an installed (production) HW6 Lab exposes it only when whoever launched the editor
// asked for it through the environment, as the host tests do for the installed VSIX
// (test/host/runHostTests.mjs); under development and in extension tests it is always there.

/** Set to `1` in the extension host's environment to get the test API from an installed HW6 Lab. */
export const TEST_API_ENV = 'HW6_LAB_TEST_API';

export function exposesTestApi(production: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  return !production || env[TEST_API_ENV] === '1';
}
