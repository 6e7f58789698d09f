// Problem 4's questions in answers.md: what each asks, how its answer is checked, the form a
// diagnostic asks for, the reference. No runtime imports: the editor loads it through the catalog.
import type { Question } from '../../answers/questions';

export const answerQuestions: readonly Question[] = [
  {
    id: '4b-i',
    problem: 'autoencoders',
    kind: 'free-text',
    prompt:
      'The linear autoencoder x̂ = W₂W₁x minimises Σ‖x − W₂W₁x‖² over the data X. Derive its first-order conditions (the gradients with respect to W₁ and W₂ set to zero).',
    expectedForm: 'the derivation',
    reference: 'W₂ᵀ(I − W₂W₁)XXᵀ = 0 and (I − W₂W₁)XXᵀW₁ᵀ = 0.',
  },
  {
    id: '4b-ii',
    problem: 'autoencoders',
    kind: 'free-text',
    prompt: 'Show that the top-k principal directions of X satisfy these conditions, and give the loss there.',
    expectedForm: 'the derivation',
    reference: 'W₁ = U_kᵀ, W₂ = U_k satisfy both; the loss is Σ_{i>k} σ_i².',
  },
];
