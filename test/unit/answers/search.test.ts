// The Q5 answers (5a–5e) and the prose answers of problems 1, 4 and 6: sequences read in a
// forgiving format and judged as sets against what the beam keeps on the Figure 2 tree (computed by
// enumeration, and here compared with the lab's beam search and with the homework's text), yes/no
// with a reason, the complexity in T, k and M, and free text reported only when empty.
import assert from 'node:assert/strict';
import {
  checkAnswers,
  parseSequences,
  parseYesNo,
  QUESTIONS,
  AnswerSyntaxError,
  type AnswerCheckOptions,
} from '../../../src/core/answers';
import type { Finding } from '../../../src/core/engine/events';
import { FIGURE2, figure2Step, treeStep, type LogProbTree } from '../../../src/core/problems/beam-search/figure2';
import { beamKeptSets } from '../../../src/core/problems/beam-search/keptSets';
import { searchTruth } from '../../../src/core/problems/beam-search/answerTruth';
import { beamSearch } from '../../../src/core/problems/beam-search/reference';
import { detokenize } from '../../../src/core/problems/beam-search/trace';

const search = searchTruth();

/** The finding for `id` when answers.md has `## id` and `Answer: text` (answer on line 2). */
function judge(id: string, text: string, options: AnswerCheckOptions = { search }): Finding {
  const findings = checkAnswers({ file: 'answers.md', text: `## ${id}\nAnswer: ${text}\n` }, [id], options);
  assert.equal(findings.length, 1, JSON.stringify(findings));
  assert.deepEqual(findings[0].location, { file: 'answers.md', line: 2 });
  return findings[0];
}
const right = (id: string, text: string) => {
  const f = judge(id, text);
  assert.ok(f.ok, `${id} ${JSON.stringify(text)} should be right: ${f.message}`);
  return f;
};
const wrong = (id: string, text: string, checkId: string) => {
  const f = judge(id, text);
  assert.deepEqual(
    [f.ok, f.severity, f.checkId],
    [false, 'error', checkId],
    `${id} ${JSON.stringify(text)}: ${f.message}`,
  );
  return f;
};
const words = (tokens: readonly number[]) => detokenize([...tokens], FIGURE2.vocab);

describe('Q5 answers: the ground truth', () => {
  it("is what the lab's beam search keeps on the Figure 2 tree, step by step", () => {
    const { trace, beams } = beamSearch(figure2Step, search.k, search.T);
    for (let t = 1; t <= search.T; t++) {
      const kept = trace[t - 1].candidates
        .filter((c) => c.kept)
        .map((c) => words(c.tokens))
        .sort();
      assert.deepEqual(search.kept[t - 1].map(words).sort(), kept, `t = ${t}`);
    }
    assert.equal(words(search.kept[search.T - 1][0]), words(beams[0].tokens));
  });

  it("matches the homework's answers for the reconstructed tree (the homework, Q5)", () => {
    const sets = search.kept.map((level) => level.map(words).sort());
    assert.deepEqual(sets, [
      ['network', 'neural'],
      ['network neural', 'neural neural'],
      ['network neural neural', 'neural neural neural'],
    ]);
    assert.equal(search.facts['beam-finds-best'], false);
    assert.ok(Math.abs(search.score([0, 1, 1]) - -1.36) < 1e-9);
  });

  it('follows the tree: a tree where the beam keeps the best path says yes', () => {
    // Make "neural network" the best prefix at t = 2: the beam then reaches "neural network network".
    const tree: LogProbTree = { ...FIGURE2, logProbs: { ...FIGURE2.logProbs, neural: [-0.8, -0.2] } };
    const truth = searchTruth(tree, beamKeptSets(treeStep(tree), 2, tree.depth));
    assert.equal(truth.facts['beam-finds-best'], true);
    assert.ok(truth.kept[1].some((tokens) => words(tokens) === 'neural network'));
    assert.ok(judge('5d', 'yes, the best path survives', { search: truth }).ok);
    assert.ok(!judge('5d', 'no, it was pruned', { search: truth }).ok);
  });
});

describe('Q5 answers: reading sequences', () => {
  const read = (text: string) =>
    parseSequences(text, FIGURE2.vocab).map((s) => (s.score === undefined ? s.words : `${s.words} (${s.score})`));

  it('takes one per line, commas, semicolons or "and"; spaces, arrows or bracketed commas inside', () => {
    const two = ['neural neural', 'network neural'];
    for (const text of [
      'neural neural\nnetwork neural',
      'neural neural, network neural',
      'neural neural; network neural',
      'neural neural and network neural',
      'neural → neural, network → neural',
      'neural -> neural | network -> neural',
      '[neural, neural], [network, neural]',
      '(neural, neural) (network, neural)',
      '{"neural neural", "network neural"}',
      '- neural neural\n- network neural',
      '1. neural neural\n2. network neural',
      'Neural Neural, NETWORK neural.',
      't = 2: {neural neural, network neural}',
      '`neural neural`, `network neural`',
      'neural-neural, network-neural',
    ])
      assert.deepEqual(read(text), two, text);
  });

  it('reads a score after a sequence, in any of the usual spellings', () => {
    assert.deepEqual(read('{neural −0.51, network −0.92}'), ['neural (-0.51)', 'network (-0.92)']);
    assert.deepEqual(read('neural neural (−1.11)\nnetwork neural: -1.21'), [
      'neural neural (-1.11)',
      'network neural (-1.21)',
    ]);
    assert.deepEqual(read('[neural, neural] (-1.11), [network, neural] (-1.21)'), [
      'neural neural (-1.11)',
      'network neural (-1.21)',
    ]);
  });

  it('names what it cannot read', () => {
    const cases: [string, RegExp][] = [
      ['nueral neural', /`nueral` is not a word of the tree's vocabulary \(neural, network\)/],
      ['', /no sequence/],
      ['-1.11', /belongs to no sequence/],
      ['neural -1.2 -1.3', /2 numbers/],
      ['-1.11 neural', /before the word `neural`/],
    ];
    for (const [text, why] of cases)
      assert.throws(
        () => parseSequences(text, FIGURE2.vocab),
        (e: unknown) => e instanceof AnswerSyntaxError && why.test(e.message),
        text,
      );
  });
});

describe('Q5 answers: judging', () => {
  it('accepts the beam at each step as a set, in any order and format', () => {
    for (const [t, id] of [
      [1, '5a'],
      [2, '5b'],
      [3, '5c'],
    ] as const) {
      const kept = search.kept[t - 1].map(words);
      assert.match(
        right(id, kept.join(', ')).message,
        new RegExp(`^${id} ✓ the 2 hypotheses on the beam after t = ${t}\\.$`),
      );
      right(id, [...kept].reverse().join('\n'));
      const scored = search.kept[t - 1]
        .map((tokens) => `${words(tokens)} (${search.score(tokens).toFixed(2)})`)
        .join('; ');
      assert.match(right(id, scored).message, /with their scores/);
      right(id, `${kept[0]}, ${kept[1]}, ${kept[0]}`); // listed twice: still one hypothesis
    }
  });

  it('says what is wrong without naming the right hypotheses', () => {
    const f = wrong('5b', 'neural network, network neural', 'answers.sequences');
    assert.match(f.message, /^5b: `neural network` is not on the beam after t = 2\. Expected: the sequences/);
    assert.doesNotMatch(f.message, /neural neural|Reference/);
    assert.match(
      wrong('5c', 'network neural neural', 'answers.sequences').message,
      /keeps 2 hypotheses after t = 3, but you list 1/,
    );
    assert.match(
      wrong('5c', 'neural neural neural, neural neural, network neural neural', 'answers.sequences').message,
      /`neural neural` has 2/,
    );
    assert.match(
      wrong('5b', 'neural, neural', 'answers.sequences').message,
      /every hypothesis has 2 words, but `neural` has 1 \(words of one sequence are joined by spaces or arrows/,
    );
    const score = wrong('5b', 'neural neural (-1.2), network neural (-1.21)', 'answers.sequences').message;
    assert.match(score, /the score of `neural neural` is not its cumulative log-probability/);
    assert.doesNotMatch(score, /-?1\.11/);
    assert.match(
      wrong('5a', 'neurons, network', 'answers.unreadable').message,
      /`neurons` is not a word.*Put only the sequences after `Answer:`/,
    );
  });

  it("judges 5d's yes or no against the tree, and asks for the reason", () => {
    const verdict = search.facts['beam-finds-best'] ? 'yes' : 'no';
    const other = verdict === 'yes' ? 'no' : 'yes';
    assert.match(
      right('5d', `${verdict[0].toUpperCase()}${verdict.slice(1)} — because of pruning`).message,
      /graded by hand/,
    );
    const noReason = judge('5d', verdict);
    assert.deepEqual([noReason.ok, noReason.severity, noReason.checkId], [false, 'info', 'answers.yes-no']);
    assert.match(noReason.message, /now say why/);
    assert.match(
      wrong('5d', `${other}, it always does`, 'answers.yes-no').message,
      /is not what the tree shows: compare/,
    );
    assert.match(
      wrong('5d', 'It depends', 'answers.unreadable').message,
      /does not start with yes or no\. Start the answer with yes or no/,
    );
  });

  it('reads yes and no in their usual spellings', () => {
    for (const text of ['Yes', 'yes.', '**Yes**, because', 'True: it does', 'y'])
      assert.equal(parseYesNo(text).verdict, true, text);
    for (const text of ['No', 'no —', 'Not necessarily, pruning', 'Not always', 'false', 'Nope'])
      assert.equal(parseYesNo(text).verdict, false, text);
    assert.deepEqual(parseYesNo('No — the best prefix is pruned at t = 2'), {
      verdict: false,
      reason: 'the best prefix is pruned at t = 2',
    });
    assert.throws(() => parseYesNo('Neither'), AnswerSyntaxError);
  });

  it('reads 5e as a class in T, k and M (M^T is a power there, not a transpose)', () => {
    for (const text of [
      'O(T k (M + k log k))',
      'O(TkM + Tk² log k)',
      'O(T·k·M·log k)',
      'O(T k M log(k M))',
      'O(TKV)',
      'Θ(T k M)',
    ])
      right('5e', text);
    for (const text of ['O(T k^2 M)', 'O(T k)', 'O(k M)', 'O(T^2 k M)', 'O(T^2 k^2)', 'O(k^2 log k)'])
      wrong('5e', text, 'answers.complexity');
  });

  it('accepts 5e in terms of T and k, as the homework asks, and judges a wrong one against that family', () => {
    for (const text of ['O(T k^2)', 'O(T·k²·log k)', 'O(T k² log(k))', 'Θ(Tk^2)']) right('5e', text);
    // O(T k) grows too slowly in k for the T-and-k answers; it must not be told it lacks M
    const linear = wrong('5e', 'O(T k)', 'answers.complexity').message;
    assert.match(linear, /in k your answer grows like k, but the expected class grows faster in k/);
    assert.doesNotMatch(linear, /grow with M/);
    assert.match(
      wrong('5e', 'O(T k M^2)', 'answers.complexity').message,
      /in M your answer grows like M\^2, but the expected class grows slower in M/,
    );
    assert.match(
      wrong('5e', 'O(M^T)', 'answers.unreadable').message,
      /exponent must be a number \(a variable exponent/,
    );
  });

  it('cannot judge sequences without the tree: an info, not a crash', () => {
    const f = judge('5a', 'neural, network', {});
    assert.deepEqual([f.ok, f.severity, f.checkId], [false, 'info', 'answers.missing']);
  });

  it('quotes a reference only with revealAnswers', () => {
    assert.doesNotMatch(wrong('5e', 'O(T k)', 'answers.complexity').message, /Reference|log k\)/);
    assert.match(
      judge('5e', 'O(T k)', { search, revealAnswers: true }).message,
      /Reference: O\(T k \(M \+ k log k\)\)/,
    );
    assert.doesNotMatch(wrong('5b', 'neural network, network neural', 'answers.sequences').message, /Reference/);
    const kept = search.kept[1].map((tokens) => `${words(tokens)} \\(${search.score(tokens).toFixed(2)}\\)`).join(', ');
    assert.match(
      judge('5b', 'neural network, network neural', { search, revealAnswers: true }).message,
      new RegExp(`Reference: \\{${kept}\\}$`),
    );
    assert.match(judge('5d', 'yes', { search, revealAnswers: true }).message, /Reference: no$/);
  });
});

describe('prose answers of problems 1, 4 and 6', () => {
  const prose = QUESTIONS.filter((q) => /^[146]/.test(q.id));

  it('are free text: never wrong, an info while empty', () => {
    assert.deepEqual(
      prose.map((q) => [q.id, q.kind]),
      ['1-learned', '1-plots', '4b-i', '4b-ii', '6a', '6b', '6c'].map((id) => [id, 'free-text']),
    );
    for (const q of prose) {
      const empty = judge(q.id, '');
      assert.deepEqual([empty.ok, empty.severity, empty.checkId], [false, 'info', 'answers.free-text'], q.id);
      assert.equal(judge(q.id, 'anything at all, even 12 (hours)').ok, true, q.id);
    }
  });
});
