// What the student sees of a run's result at 1280 × 800 with the default layout (explorer and the
// secondary side bar open, minimap on): the inline result at the TODO marker must be whole inside
// the editor's visible text area. Decorations cannot be read back through the VS Code API, so the
// shim reads the rendered workbench (test/host/shim.mjs: HW6_VIEWPORT, HW6_DOM).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateApi,
  fixtureUri,
  renderedElements,
  setViewport,
  workbenchScreenshot,
  type RenderedElement,
} from './helpers';

/** Polls the rendered workbench until `pick` finds something in what `selector` matches. */
async function waitForRendered<T>(
  what: string,
  selector: string,
  pick: (elements: RenderedElement[]) => T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: RenderedElement[] = [];
  for (;;) {
    last = await renderedElements(selector);
    const found = pick(last);
    if (found !== undefined) return found;
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${what}; ${selector} matched ${JSON.stringify(last.map((e) => e.before + e.text + e.after))}`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('inline results at 1280 px', function () {
  this.timeout(120_000);
  const wrong = fixtureUri('q5_beam_search.ts');

  before(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setViewport(1280, 800);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setViewport(1400, 900);
  });

  it("after a run of the wrong beam search, the result's words are whole inside the editor's visible width", async () => {
    const { api } = await activateApi();
    const document = await vscode.workspace.openTextDocument(wrong);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('hw6.checkMarker', wrong, 'q5.beam-search');
    const [decoration] = api.decorationsFor(wrong);
    assert.equal(decoration?.state, 'failed');
    // Words, not codes: the first failure and how many more, within the default cap.
    assert.equal(decoration.text, '✗ figure 2: t = 2 wrong · 3 more checks failed');

    const workbench = await waitForRendered('the workbench at 1280 px', '.monaco-workbench', (els) =>
      els[0] && Math.round(els[0].box.right) === 1280 ? els[0] : undefined,
    );
    assert.equal(Math.round(workbench.box.bottom), 800);
    const rendered = await waitForRendered(
      `the decoration "${decoration.text}"`,
      '.monaco-editor .view-line span',
      // its own span, whose box is the text's: the text is the span's ::after content
      (els) => els.find((e) => e.after === decoration.text && e.text === ''),
    );
    const [area] = await renderedElements('.monaco-editor .editor-scrollable');
    const minimap = (await renderedElements('.monaco-editor .minimap'))[0];
    assert.ok(area, 'no editor text area');
    // The minimap is drawn over the text area's right side: what is under it cannot be read.
    const visibleRight =
      minimap && minimap.box.right > minimap.box.left ? Math.min(area.box.right, minimap.box.left) : area.box.right;
    const where = `the result spans x ${rendered.box.left}–${rendered.box.right}; the editor shows x ${area.box.left}–${visibleRight}`;
    assert.ok(rendered.box.right > rendered.box.left, `the result has no width: ${where}`);
    assert.ok(rendered.box.left >= area.box.left && rendered.box.right <= visibleRight, where);
    assert.ok(
      rendered.box.top >= area.box.top && rendered.box.bottom <= area.box.bottom,
      `the result is scrolled out of view`,
    );

    // The marker's ▶ Run | ✓ Check stays in view too (a text drawn before the comment would push it right).
    const lens = await waitForRendered('the CodeLens', '.monaco-editor .codelens-decoration', (els) =>
      els.find((e) => e.text.includes('Run') && e.text.includes('Check')),
    );
    assert.ok(
      lens.box.left >= area.box.left && lens.box.right <= visibleRight,
      `the CodeLens spans x ${lens.box.left}–${lens.box.right}; the editor shows x ${area.box.left}–${visibleRight}`,
    );

    await workbenchScreenshot('decorations-1280.png');
  });
});
