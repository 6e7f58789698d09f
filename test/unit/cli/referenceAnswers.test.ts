// `hw6-lab run --reference` warns before a run whose output states the answers to written questions
// (problem 5's Figure 2 beams: 5a–5c), unless --reveal-answers; the table it reads stays in step with
// the editor, where those answers sit behind the side view's question.
import { strict as assert } from 'node:assert';
import { REFERENCE_SHOWS_ANSWERS, referenceAnswerWarnings } from '../../../src/cli/referenceAnswers';
import { findProblem, problems } from '../../../src/core/problems';
import { problemUis } from '../../../src/core/problems/uis';

const ids = problems.map((p) => p.id);

describe('hw6-lab run --reference: the warning before answers', () => {
  it('one line for the beam search run with --reference, none with --reveal-answers or a workspace run', () => {
    const lines = referenceAnswerWarnings(ids, { reference: true });
    assert.equal(lines.length, 1);
    assert.match(
      lines[0]!,
      /^hw6-lab: warning: beam-search: this shows the reference's answers to 5a–5c \(Figure 2's beams/,
    );
    assert.match(lines[0]!, /pass --reveal-answers/);
    assert.ok(!lines[0]!.includes('\n'));
    assert.deepEqual(referenceAnswerWarnings(ids, { reference: true, revealAnswers: true }), []);
    assert.deepEqual(referenceAnswerWarnings(ids, { reference: false }), []);
    assert.deepEqual(referenceAnswerWarnings(['attention-scaling', 'kernel-attention'], { reference: true }), []);
  });

  it('names every problem whose side view holds its answers behind a question, with the same answers', () => {
    const gated = problemUis.filter((ui) => ui.sideView?.reference).map((ui) => ui.problemId);
    assert.deepEqual(Object.keys(REFERENCE_SHOWS_ANSWERS).sort(), [...gated].sort());
    for (const [id, shown] of Object.entries(REFERENCE_SHOWS_ANSWERS)) {
      const ui = problemUis.find((u) => u.problemId === id)!;
      assert.ok(ui.sideView!.reference!.question.includes(shown.answers), ui.sideView!.reference!.question);
      // the answers named are questions of that problem
      const [from, to] = shown.answers.split('–');
      assert.ok(findProblem(id)!.answerIds!.includes(from!) && findProblem(id)!.answerIds!.includes(to!));
    }
  });
});
