// The manifest's user-facing contributions hold together: every setting is documented in Markdown,
// every key, walkthrough link and completion event names a contributed command, and every
// walkthrough step's media ships in the package.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/repo';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: { command: string }[];
    configuration: { properties: Record<string, { markdownDescription?: string }> };
    keybindings: { command: string; key: string; mac?: string; when?: string }[];
    walkthroughs: {
      id: string;
      steps: {
        id: string;
        description: string;
        media: { markdown?: string; image?: string };
        completionEvents?: string[];
      }[];
    }[];
  };
}

describe('extension manifest', () => {
  const root = repoRoot();
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
  const commands = new Set(manifest.contributes.commands.map((c) => c.command));
  const vscodeignore = readFileSync(join(root, '.vscodeignore'), 'utf8');

  it('documents every setting with a markdownDescription', () => {
    const undocumented = Object.entries(manifest.contributes.configuration.properties).filter(
      ([, p]) => !p.markdownDescription?.trim(),
    );
    assert.deepEqual(
      undocumented.map(([key]) => key),
      [],
    );
  });

  it('binds Run and Check at cursor in the homework files, each key to a contributed command that activates the extension', () => {
    const bound = manifest.contributes.keybindings;
    for (const k of bound) {
      assert.ok(commands.has(k.command), `${k.command} is bound to ${k.key} but not contributed`);
      assert.ok(
        manifest.activationEvents.includes(`onCommand:${k.command}`),
        `${k.command} does not activate the extension`,
      );
      assert.ok(k.when, `${k.key} is bound everywhere`);
    }
    for (const command of ['hw6.runAtCursor', 'hw6.checkAtCursor'])
      assert.ok(
        bound.some((k) => k.command === command),
        `${command} has no key`,
      );
    const keys = bound.map((k) => `${k.key} when ${k.when}`);
    assert.equal(new Set(keys).size, keys.length, 'two commands share a key in the same context');
  });

  it('walks a student from the workspace to the exported report, every link and step event a contributed command, every medium shipped', () => {
    const [walkthrough, ...others] = manifest.contributes.walkthroughs;
    assert.equal(others.length, 0);
    assert.deepEqual(
      walkthrough!.steps.map((s) => s.id),
      ['createWorkspace', 'runProblem', 'checkProblem', 'answerQuestions', 'exportReport'],
    );
    for (const step of walkthrough!.steps) {
      const links = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]!);
      assert.ok(links.length > 0, `${step.id} has no button`);
      const events = (step.completionEvents ?? []).map((e) => e.replace(/^onCommand:/, ''));
      for (const command of [...links, ...events])
        assert.ok(commands.has(command), `${step.id} names ${command}, which is not contributed`);
      const medium = step.media.markdown ?? step.media.image;
      assert.ok(medium && existsSync(join(root, medium)), `${step.id}: ${medium} is missing`);
      assert.match(medium, /^media\//, `${step.id}: ${medium} is outside media/, which .vscodeignore ships`);
    }
    assert.match(vscodeignore, /^!media\/\*\*$/m);
  });
});
