// Export Submission Report in a real extension host, on the fixture workspace: a problem run this
// session is reused as it ran, the others are listed as not run (the export is told not to run
// them), every answers.md question is in both files with its state, Q6 has the measured runs, and
// an existing report is not replaced unless asked. The homework files are only read.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExportResult } from '../../src/extension/exportReport';
import type { RunOutcome } from '../../src/extension/runController';
import { activateApi, fixtureUri } from './helpers';

describe('Export Submission Report', function () {
  this.timeout(240_000);
  let out: string;

  before(async () => {
    await vscode.workspace.getConfiguration('hw6').update('quick', true, vscode.ConfigurationTarget.Global);
    out = mkdtempSync(join(tmpdir(), 'hw6-export-'));
  });
  after(async () => {
    await vscode.workspace.getConfiguration('hw6').update('quick', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(out, { recursive: true, force: true });
  });

  it("writes report.html and report.md from this session's run, with every answer and Q6's measured runs; keeps an existing report unless told", async () => {
    await activateApi();
    const answersBefore = readFileSync(fixtureUri('answers.md').fsPath, 'utf8');
    const outcome = await vscode.commands.executeCommand<RunOutcome>('hw6.runProblem', 'beam-search');
    assert.ok(
      outcome && outcome.status !== 'skipped' && outcome.status !== 'cancelled',
      JSON.stringify(outcome?.status),
    );

    const folder = vscode.Uri.file(join(out, 'report'));
    const result = await vscode.commands.executeCommand<ExportResult>('hw6.exportReport', {
      folder,
      runMissing: false,
    });
    assert.ok(result, 'the export returned nothing');
    // Other suites' runs earlier in this host session are reused too when their files are unchanged.
    assert.ok(result.reused.includes('beam-search'), `reused: ${result.reused.join(', ')}`);
    assert.deepEqual(result.ran, []);
    assert.deepEqual(
      result.written.map((f) => f.slice(f.lastIndexOf('/') + 1)),
      ['report.html', 'report.md'],
    );

    const html = readFileSync(join(folder.fsPath, 'report.html'), 'utf8');
    const md = readFileSync(join(folder.fsPath, 'report.md'), 'utf8');
    assert.doesNotMatch(html, /<script/);
    assert.match(
      html,
      /<section id="beam-search" class="problem">\n<h2>Q5 — Beam search <span class="badge fail">failed<\/span>/,
      'the wrong fixture fails its checks',
    );
    const sections = html.split('<section id="').slice(1);
    const notRun = sections
      .filter((body) => /^[\w-]+" class="problem">[\s\S]*?Not run for this report/.test(body.split('</section>')[0]!))
      .map((body) => body.slice(0, body.indexOf('"')));
    const problemIds = ['zkc', 'attention-scaling', 'kernel-attention', 'autoencoders', 'beam-search'];
    assert.deepEqual(
      problemIds.filter((id) => !result.reused.includes(id)),
      notRun,
      'exactly the problems not reused are listed as not run',
    );
    assert.ok(notRun.length > 0 && !notRun.includes('beam-search'), `not run: ${notRun.join(', ')}`);
    assert.match(html, /<svg[\s>]/, 'the beam trace is drawn');
    // 5b is wrong and 5d right in the fixture's answers.md, as the beam-search run judged them.
    assert.match(html, /id="answer-5b" data-state="wrong"/);
    assert.match(html, /id="answer-5d" data-state="correct"/);
    assert.match(md, /^#### 5b — /m);
    assert.match(md, /^## Q6 — Homework process$/m);
    assert.match(html, /<td>beam-search<\/td><td class="num">[1-9]\d*<\/td>/, 'Q6 counts the run');
    assert.match(html, /HW6 Lab measured [\d.]+ h of active time/);

    const again = await vscode.commands.executeCommand<ExportResult>('hw6.exportReport', {
      folder,
      runMissing: false,
      overwrite: false,
    });
    assert.deepEqual(again?.written, []);
    assert.equal(readFileSync(fixtureUri('answers.md').fsPath, 'utf8'), answersBefore, 'answers.md is never modified');
  });
});
