// A problem's own settings (`hw6.<id>.<key>`) as its run's config overrides, with what only the
// editor knows filled in: a setting that names a path (its problem's ui descriptor lists them) may be
// written relative to the workspace folder or with `~`, and the runner (a process, or a webview that
// cannot read files) needs an absolute path. Pure (Node's path only), so it is unit-tested without an editor.
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { problemUis } from '../../core/problems/uis';

export interface SettingsContext {
  /** The student's workspace folder (absolute), against which relative paths are taken. */
  baseDir?: string;
  /** The user's home folder, for `~`. */
  home?: string;
}

export function resolveProblemSettings(
  problemId: string,
  overrides: Record<string, unknown>,
  ctx: SettingsContext = {},
): Record<string, unknown> {
  const out = { ...overrides };
  for (const key of problemUis.find((ui) => ui.problemId === problemId)?.pathSettings ?? []) {
    const value = out[key];
    if (typeof value !== 'string') continue;
    const path = value.trim();
    if (path === '') {
      // Unset: the problem's own default (and its own message when a path is needed).
      delete out[key];
      continue;
    }
    out[key] = resolvePath(path, ctx);
  }
  return out;
}

function resolvePath(path: string, ctx: SettingsContext): string {
  if (path === '~' || path.startsWith('~/')) return join(ctx.home ?? homedir(), path.slice(1));
  if (isAbsolute(path)) return path;
  return ctx.baseDir ? resolve(ctx.baseDir, path) : path;
}
