// docs/screenshots (ISSUE 6 item 5): every panel has its light, dark, high-contrast and empty shot, the
// folder's README lists every PNG there and nothing else, and the project README shows one per panel.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SCREENSHOTS } from './support/panelSite';

/** Each panel's screenshot prefix (the webview tests name them so). */
const PANELS = {
  zkc: 'zkc',
  scaling: 'scaling',
  kernel: 'kernel',
  autoencoders: 'ae-panel',
  beam: 'beam-tree',
} as const;
const EMPTY = {
  zkc: 'zkc-empty',
  scaling: 'scaling-empty',
  kernel: 'kernel-empty',
  autoencoders: 'ae-empty',
  beam: 'beam-tree-empty',
} as const;

describe('panel screenshots in docs/', () => {
  const listed = (file: string) =>
    new Set([...readFileSync(file, 'utf8').matchAll(/\(([\w./-]+\.png)\)/g)].map((m) => m[1]));

  it('every panel has light, dark, high-contrast and empty shots', () => {
    for (const [panel, prefix] of Object.entries(PANELS)) {
      for (const shot of [
        `${prefix}-light`,
        `${prefix}-dark`,
        `${prefix}-high-contrast`,
        EMPTY[panel as keyof typeof EMPTY],
      ]) {
        assert.ok(existsSync(join(SCREENSHOTS, `${shot}.png`)), `${panel}: ${shot}.png`);
      }
    }
  });

  it('docs/screenshots/README.md lists exactly the PNGs in the folder', () => {
    const pngs = readdirSync(SCREENSHOTS)
      .filter((f) => f.endsWith('.png'))
      .sort();
    assert.deepEqual([...listed(join(SCREENSHOTS, 'README.md'))].sort(), pngs);
  });

  it('the README shows one screenshot per panel and links the list', () => {
    const readme = join(ROOT, 'README.md');
    const shown = [...listed(readme)]
      .filter((p) => p.startsWith('docs/screenshots/'))
      .map((p) => p.slice('docs/screenshots/'.length));
    for (const [panel, prefix] of Object.entries(PANELS))
      assert.ok(
        shown.some((f) => f.startsWith(`${prefix}-`) && existsSync(join(SCREENSHOTS, f))),
        `${panel} shown in the README`,
      );
    assert.match(readFileSync(readme, 'utf8'), /\]\(docs\/screenshots\/README\.md\)/);
  });
});
