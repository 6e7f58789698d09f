// The manifest's user-facing contributions hold together: every setting is documented in Markdown
// and labelled under "HW6 Lab" without a "Hw6:" prefix, every key, walkthrough link and completion
// event names a contributed command (or the context key the lab sets), and every walkthrough step's
// media ships in the package.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MAX_LENGTH, MAX_LENGTH_RANGE } from '../../../src/extension/model/decorationModel';
import { repoRoot } from '../support/repo';

interface ConfigurationSection {
  id?: string;
  title?: string;
  properties: Record<string, { markdownDescription?: string; default?: unknown; minimum?: number; maximum?: number }>;
}

interface Manifest {
  publisher: string;
  name: string;
  displayName: string;
  activationEvents: string[];
  contributes: {
    commands: { command: string }[];
    configuration: ConfigurationSection[];
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

  const sections = manifest.contributes.configuration;
  const settings = sections.flatMap((section) => Object.keys(section.properties).map((key) => ({ key, section })));

  it('documents every setting with a markdownDescription', () => {
    const undocumented = sections
      .flatMap((s) => Object.entries(s.properties))
      .filter(([, p]) => !p.markdownDescription?.trim());
    assert.deepEqual(
      undocumented.map(([key]) => key),
      [],
    );
  });

  // VS Code's Settings editor (settingsTreeModels.ts, settingKeyToDisplayFormat) shows a setting as
  // "<Category>: <Label>", the category being the key's prefix less the id of the group the setting
  // is listed in. An extension's settings are one group with the extension's id when it has one
  // section (or a section titled like the extension), else one group per section with the section's
  // id: only then does `hw6.quick` lose its "Hw6" and read "Quick" under HW6 Lab.
  it('labels every setting under HW6 Lab, without the "Hw6:" its key would give it', () => {
    const extensionId = `${manifest.publisher}.${manifest.name}`;
    assert.equal(manifest.displayName, 'HW6 Lab');
    const ownGroup = sections.length === 1 || sections.some((s) => s.title === manifest.displayName);
    const categoryOf = (key: string, section: ConfigurationSection): string => {
      const prefix = key.slice(0, key.lastIndexOf('.'));
      const group = (ownGroup ? extensionId : (section.id ?? section.title ?? '')).split('.');
      // the longest leading run of the group id's parts that prefixes the key's (VS Code also tries trailing runs)
      for (let n = group.length; n > 0; n--) {
        const head = group.slice(0, n).join('.').toLowerCase();
        if (prefix.toLowerCase() === head) return '';
        if (prefix.toLowerCase().startsWith(head + '.')) return prefix.slice(head.length + 1);
      }
      for (let n = 1; n < group.length; n++) {
        const tail = group.slice(n).join('.').toLowerCase();
        if (prefix.toLowerCase() === tail) return '';
        if (prefix.toLowerCase().startsWith(tail + '.')) return prefix.slice(tail.length + 1);
      }
      return prefix;
    };
    const labels = settings.map(({ key, section }) => [key, categoryOf(key, section)]);
    assert.deepEqual(
      labels.filter(([, category]) => /^hw6\b/i.test(category!)),
      [],
      'these settings would show as "Hw6: …" in the Settings editor',
    );
    for (const section of sections) {
      assert.ok(
        section.id && section.title,
        `a configuration section without an id or title: ${JSON.stringify(section.id)}`,
      );
      for (const key of Object.keys(section.properties))
        assert.ok(key.startsWith(`${section.id}.`), `${key} is listed in the section ${section.id}`);
    }
    assert.deepEqual(Object.fromEntries(labels), {
      'hw6.codeLens.enabled': 'codeLens',
      'hw6.decorations.enabled': 'decorations',
      'hw6.decorations.maxLength': 'decorations',
      'hw6.runner': '',
      'hw6.webviewBackend': '',
      'hw6.timeLimitSeconds': '',
      'hw6.memoryLimitMB': '',
      'hw6.quick': '',
      'hw6.revealAnswers': '',
      'hw6.runOnSave': '',
      'hw6.runOnSaveDelayMs': '',
      'hw6.zkc.weighted': '',
      'hw6.autoencoders.imageData': '',
      'hw6.autoencoders.idxDir': '',
    });
  });

  it('hw6.decorations.maxLength says what the decorations use', () => {
    const setting = sections.find((s) => s.id === 'hw6')!.properties['hw6.decorations.maxLength']!;
    assert.deepEqual(
      [setting.default, setting.minimum, setting.maximum],
      [DEFAULT_MAX_LENGTH, MAX_LENGTH_RANGE.min, MAX_LENGTH_RANGE.max],
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
      const events = (step.completionEvents ?? [])
        .filter((e) => e.startsWith('onCommand:'))
        .map((e) => e.replace(/^onCommand:/, ''));
      for (const command of [...links, ...events])
        assert.ok(commands.has(command), `${step.id} names ${command}, which is not contributed`);
      const medium = step.media.markdown ?? step.media.image;
      assert.ok(medium && existsSync(join(root, medium)), `${step.id}: ${medium} is missing`);
      assert.match(medium, /^media\//, `${step.id}: ${medium} is outside media/, which .vscodeignore ships`);
    }
    assert.match(vscodeignore, /^!media\/\*\*$/m);
  });

  it('ticks "Create the homework workspace" once the files are written, not when the command is invoked', () => {
    const step = manifest.contributes.walkthroughs[0]!.steps.find((s) => s.id === 'createWorkspace')!;
    // onCommand fires on invocation, a cancelled folder picker included; the context key is set by
    // createWorkspace (src/extension/commands.ts) after the files are there.
    assert.deepEqual(step.completionEvents, ['onContext:hw6.workspaceCreated']);
    const commandsSource = readFileSync(join(root, 'src/extension/commands.ts'), 'utf8');
    assert.match(commandsSource, /WORKSPACE_CREATED = 'hw6\.workspaceCreated'/);
  });
});
