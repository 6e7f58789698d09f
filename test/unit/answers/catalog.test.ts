// The question catalog, the answers.md template, the workspace README and docs/checks.md agree
// with the checker; and the checker runs where code generation is forbidden (a webview's CSP).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { buildSync } from 'esbuild';
import { QUESTIONS, questionIds, checkAnswers, parseAnswers, parseBigO, sameClass } from '../../../src/core/answers';
import { problemCatalog } from '../../../src/core/problems/catalog';
import { searchTruth } from '../../../src/core/problems/beam-search/answerTruth';
import { repoRoot } from '../support/repo';

const read = (...path: string[]) => readFileSync(join(repoRoot(), ...path), 'utf8');
const answerWith = (id: string, text: string) =>
  checkAnswers({ file: 'answers.md', text: `## ${id}\nAnswer: ${text}\n` }, [id], { search: searchTruth() })[0];
/** Kinds judged against closed forms or classes listed in the catalog (`accepted`). */
const WITH_FORMS = new Set(['formula', 'kernel', 'dimension', 'complexity']);

describe('answers catalog', () => {
  it('has unique ids, owned by the problems as the contract says, every homework question', () => {
    assert.equal(new Set(QUESTIONS.map((q) => q.id)).size, QUESTIONS.length);
    assert.deepEqual(questionIds('zkc'), ['1-learned', '1-plots']);
    assert.deepEqual(questionIds('attention-scaling'), ['2a', '2b', '2c']);
    assert.deepEqual(questionIds('kernel-attention'), [
      '3a',
      '3b-i',
      '3b-ii',
      '3b-iii',
      '3c-i-time',
      '3c-i-memory',
      '3c-ii-time',
      '3c-ii-memory',
    ]);
    assert.deepEqual(questionIds('autoencoders'), ['4b-i', '4b-ii']);
    assert.deepEqual(questionIds('beam-search'), ['5a', '5b', '5c', '5d', '5e']);
    // The homework process (Q6) belongs to no problem run.
    assert.deepEqual(
      QUESTIONS.filter((q) => q.problem === undefined).map((q) => q.id),
      ['6a', '6b', '6c'],
    );
    assert.deepEqual(
      QUESTIONS.filter((q) => q.problem !== undefined && !problemCatalog.some((p) => p.id === q.problem)),
      [],
    );
  });

  it("is what each problem's checks judge (problem metas list their catalog questions)", () => {
    for (const p of problemCatalog) {
      assert.deepEqual(p.answerIds ?? [], questionIds(p.id), p.id);
    }
  });

  it('stays cheap: questions.ts imports only the catalog, every problem’s questions.ts only types (the extension host loads them)', () => {
    const runtimeImports = (text: string) =>
      [...text.matchAll(/^\s*import\s+(?!type\s)[^;]*from\s+'([^']+)'/gm)].map((m) => m[1]);
    assert.deepEqual(runtimeImports(read('src', 'core', 'answers', 'questions.ts')), ['../problems/catalog']);
    for (const p of problemCatalog)
      assert.deepEqual(runtimeImports(read('src', 'core', 'problems', p.id, 'questions.ts')), [], p.id);
  });

  it('accepts every accepted form of every question judged against forms', () => {
    for (const q of QUESTIONS.filter((q) => WITH_FORMS.has(q.kind))) {
      assert.ok(q.accepted && q.accepted.length > 0 && q.variables, q.id);
      for (const form of q.accepted) assert.ok(answerWith(q.id, form).ok, `${q.id}: ${form}`);
    }
  });

  it('quotes references that are right', () => {
    for (const q of QUESTIONS.filter((q) => q.kind === 'complexity')) {
      const [main, ...others] = q.reference.split('≡');
      for (const form of [main, ...others])
        assert.ok(
          sameClass(parseBigO(form, q.variables!), parseBigO(q.accepted![0], q.variables!)),
          `${q.id}: ${form}`,
        );
    }
    const leads: Record<string, string> = {
      '2a': 'E[qᵀk] = d·μ²',
      '2b': 'Var(qᵀk) = d',
      '2c': 's = √d',
      '3b-i': 'sim(q, k) = (qᵀk + 1)²',
      '3b-ii': '(D+1)²',
    };
    for (const [id, lead] of Object.entries(leads)) {
      assert.ok(QUESTIONS.find((q) => q.id === id)!.reference.startsWith(lead), id);
      assert.ok(answerWith(id, lead).ok, `${id}: ${lead}`);
    }
  });

  it('never gives the answer away in the expected form: its examples are judged wrong', () => {
    // A yes/no question's form names both answers (an example judged wrong would give it away).
    for (const q of QUESTIONS.filter((q) => q.kind === 'yes-no')) assert.match(q.expectedForm, /`yes` or `no`/, q.id);
    for (const q of QUESTIONS.filter((q) => q.kind !== 'free-text' && q.kind !== 'yes-no')) {
      const examples = [...q.expectedForm.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
      assert.ok(examples.length > 0, `${q.id} shows an example of the form`);
      for (const example of examples) {
        const f = answerWith(q.id, example);
        assert.ok(
          !f.ok && f.checkId !== 'answers.unreadable',
          `${q.id}: the example ${example} is readable and wrong (${f.message})`,
        );
      }
    }
  });
});

describe('media/workspace/answers.md', () => {
  const template = read('media', 'workspace', 'answers.md');

  it('has every catalog question exactly once, unanswered', () => {
    const doc = parseAnswers({ file: 'answers.md', text: template });
    assert.deepEqual(
      doc.answers.map((a) => a.id),
      QUESTIONS.map((q) => q.id),
    );
    for (const a of doc.answers) {
      assert.equal(a.text, '', `${a.id} is empty in the template`);
      assert.match(template.split('\n')[a.line - 1], /^Answer:\s*$/, `${a.id} points at its Answer: line`);
    }
  });

  it('checks to infos only (nothing is wrong before the student writes)', () => {
    const findings = checkAnswers(
      { file: 'answers.md', text: template },
      QUESTIONS.map((q) => q.id),
    );
    assert.equal(findings.length, QUESTIONS.length);
    for (const f of findings) assert.deepEqual([f.ok, f.severity], [false, 'info'], f.message);
  });
});

describe('answers documentation', () => {
  const codes = [
    ...new Set([...read('src', 'core', 'answers', 'check.ts').matchAll(/'(answers\.[a-z-]+)'/g)].map((m) => m[1])),
  ];

  it('documents every answers.* code in docs/checks.md', () => {
    assert.deepEqual(codes.sort(), [
      'answers.complexity',
      'answers.duplicate',
      'answers.formula',
      'answers.free-text',
      'answers.missing',
      'answers.sequences',
      'answers.unreadable',
      'answers.yes-no',
    ]);
    const anchors = new Set([...read('docs', 'checks.md').matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
    assert.deepEqual(
      codes.filter((c) => !anchors.has(c)),
      [],
    );
  });

  it('lists every question in the workspace README', () => {
    const readme = read('media', 'workspace', 'README.md');
    const section = readme.slice(readme.indexOf('## answers.md'));
    assert.ok(readme.includes('## answers.md'));
    for (const q of QUESTIONS) assert.ok(section.includes(`\`${q.id}\``), q.id);
  });
});

describe('answers checker under a strict CSP', function () {
  this.timeout(30_000);

  it('parses and evaluates with code generation from strings forbidden (no eval, no new Function)', () => {
    const bundle = buildSync({
      entryPoints: [join(repoRoot(), 'src', 'core', 'answers', 'index.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'answers',
      platform: 'browser',
      logLevel: 'silent',
    }).outputFiles[0].text;
    // The browser build decodes character references with a DOM element (the webview has one).
    const document = { createElement: () => ({ innerHTML: '', textContent: '' }) };
    const context = { TextDecoder, TextEncoder, console, document };
    const run = (code: string): unknown =>
      runInNewContext(code, context, { contextCodeGeneration: { strings: false, wasm: false } });
    assert.throws(() => run('eval("1")'), /Code generation from strings disallowed/);
    run(bundle);
    const text =
      '## 2a\nAnswer: d μ²\n## 3c-i-time\nAnswer: O(N²(D+M))\n## 3b-i\nAnswer: (q^T k + 1)^2\n## 2b\nAnswer: 2d\n';
    const findings = run(
      `answers.checkAnswers({ file: 'answers.md', text: ${JSON.stringify(text)} }, ['2a', '2b', '3b-i', '3c-i-time'])`,
    ) as { ok: boolean }[];
    assert.deepEqual(JSON.parse(JSON.stringify(findings.map((f) => f.ok))), [true, false, true, true]);
    assert.equal(run(`answers.answerValue('2a', 'd μ²', { d: 4, mu: 0.5, sigma: 2 })`), 1);
  });
});
