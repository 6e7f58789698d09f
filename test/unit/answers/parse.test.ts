// answers.md → answers: headings in any order, `Answer:` lines (continued on the next lines) or
// the section's prose, the template's HTML-comment prompts ignored, duplicates kept, 1-based lines.
import assert from 'node:assert/strict';
import { parseAnswers } from '../../../src/core/answers';
import { headingId } from '../../../src/core/answers/parse';

const parse = (text: string) => parseAnswers({ file: 'answers.md', text });
const only = (text: string) => {
  const doc = parse(text);
  assert.equal(doc.answers.length, 1, JSON.stringify(doc.answers));
  return doc.answers[0];
};

describe('parseAnswers', () => {
  it('reads headings in any order, with their lines (1-based)', () => {
    const doc = parse(
      ['# My answers', '', '## 3c-ii-time', 'Answer: O(N D^2 M)', '', '## 2a — E[qᵀk]', '', 'Answer: d μ²', ''].join(
        '\n',
      ),
    );
    assert.deepEqual(doc.answers, [
      { id: '3c-ii-time', headingLine: 3, line: 4, text: 'O(N D^2 M)' },
      { id: '2a', headingLine: 6, line: 8, text: 'd μ²' },
    ]);
    assert.deepEqual([...doc.byId.keys()], ['3c-ii-time', '2a']);
  });

  it('recognises the question ids headings start with, and ignores other headings', () => {
    const cases: [string, string | null][] = [
      ['2a', '2a'],
      ['2a — E[qᵀk]', '2a'],
      ['2A.', '2a'],
      ['Q2b', '2b'],
      ['Question 2c: the scale', '2c'],
      ['3c-i-time', '3c-i-time'],
      ['3b-ii — size of φ', '3b-ii'],
      ['3b-i', '3b-i'],
      ['3b-iii', '3b-iii'],
      ['3b-iv', null],
      ['2ab', null],
      ['3c-i', null],
      ['Notes', null],
      ['22a', null],
      ['3c-i-timeline', null],
      ['1-learned — what have you learned?', '1-learned'],
      ['Q1-plots', '1-plots'],
      ['1', null],
      ['1 — introduction', null],
      ['4b-i', '4b-i'],
      ['4b-ii — PCA', '4b-ii'],
      ['4b', null],
      ['5a — the beam after t = 1', '5a'],
      ['5e', '5e'],
      ['5f', null],
      ['6c: hours', '6c'],
      ['Homework 6 — answers', null],
    ];
    for (const [text, id] of cases) assert.equal(headingId(text), id, text);
    const doc = parse('## Notes\nAnswer: nothing\n### 2b — Var\nAnswer: d\n# 3b-iv\nAnswer: x\n');
    assert.deepEqual(
      doc.answers.map((a) => [a.id, a.text]),
      [['2b', 'd']],
    );
  });

  it('keeps a prose answer whole, paragraphs and all, without the prompts', () => {
    const a = only(
      '## 1-plots — misclassified?\n<!-- a prompt -->\nAnswer: The plot shows a 2-D embedding.\n\nThe classifier sees more.\n<!-- a note\n  on two lines -->\n\nA third paragraph.\n\n',
    );
    assert.equal(a.text, 'The plot shows a 2-D embedding.\n\nThe classifier sees more.\n\nA third paragraph.');
    assert.equal(a.line, 3);
  });

  it('continues an answer on the following non-blank lines, and stops at a blank line', () => {
    const a = only('## 3c-i-time\nAnswer: O(N^2 D\n  + N^2 M)\n\nBecause QKᵀ costs N²D.\n');
    assert.equal(a.text, 'O(N^2 D\n  + N^2 M)');
    assert.equal(a.line, 2);
  });

  it('takes the next block when `Answer:` is alone on its line', () => {
    const a = only('## 2c\n\nAnswer:\n\n`√d`\n');
    assert.deepEqual([a.line, a.text], [3, '`√d`']);
  });

  it('accepts `answer:` in any case, in bold, and in a list item', () => {
    assert.equal(only('## 2a\nANSWER: d mu^2\n').text, 'd mu^2');
    assert.equal(only('## 2a\n**Answer:** d mu^2\n').text, 'd mu^2');
    assert.equal(only('## 2a\n**Answer**: d mu^2\n').text, 'd mu^2');
    assert.equal(only('## 2a\n- Answer: d mu^2\n').text, 'd mu^2');
  });

  it('keeps the raw text: `*` is a product, not Markdown emphasis', () => {
    assert.equal(only('## 3c-ii-time\nAnswer: O(N*D*M*D)\n').text, 'O(N*D*M*D)');
    assert.equal(only('## 3c-ii-time\nAnswer: O(N*D^2*M) <!-- I think -->\n').text, 'O(N*D^2*M)');
  });

  it("uses the section's prose when there is no `Answer:` line, without the HTML-comment prompts", () => {
    const a = only(
      '## 3a\n<!-- What condition?\nAnswer: in a sentence -->\n\nThe kernel must be non-negative\nand not all zero.\n\n- so the denominator is positive\n',
    );
    assert.equal(a.text, 'The kernel must be non-negative\nand not all zero.\n\n- so the denominator is positive');
    assert.equal(a.line, 1, 'prose answers are reported at the heading');
  });

  it('reads an empty section (the template) as an empty answer', () => {
    assert.deepEqual(only('## 2a\n\n<!-- prompt -->\n\nAnswer:\n\n## Other\n'), {
      id: '2a',
      headingLine: 1,
      line: 5,
      text: '',
    });
    assert.deepEqual(only('## 2b\n<!-- just the prompt -->\n'), { id: '2b', headingLine: 1, line: 1, text: '' });
  });

  it('keeps duplicated ids, in file order', () => {
    const doc = parse('## 2a\nAnswer: d\n\n## 2b\nAnswer: d\n\n## 2a (again)\nAnswer: d mu^2\n');
    assert.deepEqual(
      doc.byId.get('2a')!.map((a) => [a.headingLine, a.text]),
      [
        [1, 'd'],
        [7, 'd mu^2'],
      ],
    );
  });

  it('ends a section at the next heading of its level or at the next question, not at a sub-heading', () => {
    const doc = parse(
      '# Part 3\n## 3a\n### my reasoning\nSomething.\nAnswer: non-negative kernel\n## 3b-i\n### 3b-ii\nAnswer: (D+1)^2\n',
    );
    assert.deepEqual(
      doc.answers.map((a) => [a.id, a.text]),
      [
        ['3a', 'non-negative kernel'],
        ['3b-i', ''],
        ['3b-ii', '(D+1)^2'],
      ],
    );
  });

  it('ignores headings and Answer lines inside code blocks', () => {
    const doc = parse('## 2a\nAnswer: d mu^2\n\n```\n## 2b\nAnswer: 7\n```\n');
    assert.deepEqual(
      doc.answers.map((a) => [a.id, a.text]),
      [['2a', 'd mu^2']],
    );
  });

  it('handles CRLF line endings and an empty file', () => {
    assert.deepEqual(only('## 2b\r\nAnswer: d\r\n'), { id: '2b', headingLine: 1, line: 2, text: 'd' });
    assert.deepEqual(parse('').answers, []);
  });
});
