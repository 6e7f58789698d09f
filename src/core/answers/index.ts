// The answers.md checker: parse the student's answers (Markdown) and judge the ones a problem owns.
// Loaded where checks run (worker, webview runner, CLI): it pulls in mathjs' parser and the
// Markdown parser. Neither evaluates code (no eval / new Function), so it runs under a strict CSP.
import { questionById } from './questions';
import { AnswerSyntaxError, parseExpression } from './expression';
import { evaluate } from './evaluate';
import { rightHandSide, stripMarkup, toAscii } from './normalize';

export type { AnswersInput, Answer, MeasuredGrowth, SearchTruth } from './types';
export { QUESTIONS, questionById, questionIds } from './questions';
export type { Question, QuestionKind, QuestionVariable, SearchFact } from './questions';
export { parseSequences, parseYesNo, type WrittenSequence } from './sequences';
export { parseAnswers, type AnswersDoc } from './parse';
export { checkAnswers, type AnswerCheckOptions } from './check';
export { AnswerSyntaxError } from './expression';
export { parseBigO, sameClass, formatClass, type AsymptoticClass } from './bigO';

/**
 * A formula answer's value at a point (e.g. the student's 2a at the Q2 panel's d, μ, σ), or an
 * AnswerSyntaxError saying why it cannot be read. Variables the question fixes (μ = 0, σ = 1 for
 * 2b, 2c) take their fixed values.
 */
export function answerValue(id: string, text: string, point: Record<string, number>): number {
  const q = questionById(id);
  if (!q || q.kind !== 'formula') throw new AnswerSyntaxError(`${id} is not a formula question`);
  const variables = q.variables ?? [];
  const at: Record<string, number> = {};
  for (const v of variables) at[v.name] = v.fixed ?? point[v.name];
  const value = evaluate(parseExpression(toAscii(rightHandSide(stripMarkup(text)), variables), variables), at);
  if (typeof value !== 'number') throw new AnswerSyntaxError('it is not a number');
  return value;
}
