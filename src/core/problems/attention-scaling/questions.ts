// Problem 2's questions in answers.md: what each asks, how its answer is checked, the form a
// diagnostic asks for, the reference. No runtime imports: the editor loads it through the catalog.
import type { Question, QuestionVariable } from '../../answers/questions';

const D_MU_SIGMA: readonly QuestionVariable[] = [
  { name: 'd', range: [1, 512], integer: true },
  { name: 'mu', aliases: ['μ'], range: [-2, 2], vectorOfLength: 'd' },
  { name: 'sigma', aliases: ['σ'], range: [0.25, 3] },
];
const AT_STANDARD_NORMAL: readonly QuestionVariable[] = [
  { name: 'd', range: [1, 512], integer: true },
  { name: 'mu', aliases: ['μ'], fixed: 0 },
  { name: 'sigma', aliases: ['σ'], fixed: 1 },
];

export const answerQuestions: readonly Question[] = [
  {
    id: '2a',
    problem: 'attention-scaling',
    kind: 'formula',
    prompt: 'q, k ∈ R^d independent, every component with mean μ and variance σ². What is E[qᵀk]?',
    expectedForm: 'a formula in d, μ (mu) and σ (sigma), e.g. `d*sigma + mu^2` or `d·σ + μ²`',
    reference: 'E[qᵀk] = d·μ² (‖μ‖² for a vector mean); it does not depend on σ.',
    variables: D_MU_SIGMA,
    accepted: ['d*mu^2'],
    quantity: 'E[qᵀk]',
  },
  {
    id: '2b',
    problem: 'attention-scaling',
    kind: 'formula',
    prompt: 'With μ = 0 and σ = 1, what is Var(qᵀk)?',
    expectedForm:
      'a formula in d (the general form in d, μ, σ is fine too; it is evaluated at μ = 0, σ = 1), e.g. `2*d + 1`',
    reference: 'Var(qᵀk) = d (in general d(σ⁴ + 2μ²σ²)).',
    variables: AT_STANDARD_NORMAL,
    accepted: ['d'],
    quantity: 'Var(qᵀk)',
  },
  {
    id: '2c',
    problem: 'attention-scaling',
    kind: 'formula',
    prompt: 'By which s should qᵀk be divided so that qᵀk/s has mean 0 and variance 1 (μ = 0, σ = 1)?',
    expectedForm: 'a formula in d, e.g. `d/2` or `√(d+1)`',
    reference: 's = √d.',
    variables: AT_STANDARD_NORMAL,
    accepted: ['sqrt(d)'],
    quantity: 'the s that gives qᵀk/s variance 1',
  },
];
