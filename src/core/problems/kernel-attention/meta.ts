// What the editor needs to know about problem 3 without loading its engine (tfjs, the sweep).
import type { ProblemInfo } from '../../problem';
import { answerQuestions } from './questions';
import { isKernelAttentionArtifact, isKernelReferenceSweepArtifact } from './artifactValidate';

export const MARKERS = {
  softmax: 'q3.softmax-attention',
  kernel: 'q3.quadratic-kernel',
  featureMap: 'q3.feature-map',
  quadratic: 'q3.kernel-attention-quadratic',
  linear: 'q3.kernel-attention-linear',
} as const;

export const kernelAttentionInfo: ProblemInfo = {
  id: 'kernel-attention',
  title: 'Kernelized linear attention',
  questions: ['3a', '3b', '3c'],
  studentFile: 'q3_kernel_attention.ts',
  markers: [
    {
      id: MARKERS.softmax,
      title: 'Softmax attention: softmax(QKᵀ/√D)V',
      exports: ['softmaxAttention'],
      checks: [MARKERS.softmax],
      hiddenChecks: ['q3.hidden-large-scores'],
    },
    {
      id: MARKERS.kernel,
      title: 'Quadratic kernel: sim(q, k) = (qᵀk + 1)²',
      exports: ['quadraticKernel'],
      checks: [MARKERS.kernel],
    },
    {
      id: MARKERS.featureMap,
      title: 'Feature map φ with φ(q)ᵀφ(k) = sim(q, k)',
      exports: ['featureMap'],
      checks: [MARKERS.featureMap],
    },
    {
      id: MARKERS.quadratic,
      title: 'Kernel attention, quadratic form (eq. 3)',
      exports: ['kernelAttentionQuadratic'],
      checks: [MARKERS.quadratic],
    },
    {
      id: MARKERS.linear,
      title: 'Kernel attention, linear form (eq. 5)',
      exports: ['kernelAttentionLinear'],
      checks: ['q3.equivalence', 'q3.denominator', 'q3.linear-memory'],
      hiddenChecks: ['q3.hidden-shapes'],
    },
  ],
  answerIds: ['3a', '3b-i', '3b-ii', '3b-iii', '3c-i-time', '3c-i-memory', '3c-ii-time', '3c-ii-memory'],
  artifactValidators: {
    'kernel-attention': isKernelAttentionArtifact,
    'kernel-reference-sweep': isKernelReferenceSweepArtifact,
  },
  answerQuestions,
};
