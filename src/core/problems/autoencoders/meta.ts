// What the editor needs to know about problem 4 without loading its engine (tfjs, the grid).
import type { ProblemInfo } from '../../problem';
import { answerQuestions } from './questions';
import { isAeCellArtifact, isAutoencodersArtifact } from './artifactValidate';
import { flavour } from '../../flavour';

export const MARKERS = {
  decoder: 'q4.decoder',
  forward: 'q4.forward',
  loss: 'q4.loss',
  denoise: 'q4.denoising',
  mask: 'q4.masking',
  probe: 'q4.probe-accuracy',
} as const;

/**
 * q4.probe-count holds the run's accuracies to the lab's own count, which only the staff build makes
 * (labCount.ts): the student build neither runs nor lists it (a check never run must not show as passed).
 */
const probeCount = flavour === 'staff' ? ['q4.probe-count'] : [];

export const autoencodersInfo: ProblemInfo = {
  id: 'autoencoders',
  title: 'Autoencoders, linear probing and PCA',
  questions: ['4a', '4b'],
  answerIds: ['4b-i', '4b-ii'],
  studentFile: 'q4_autoencoders.ts',
  silentWhenPassed: ['q4.finite-loss', ...probeCount],
  markers: [
    {
      id: MARKERS.decoder,
      title: 'Decoder layer widths, mirroring the encoder',
      exports: ['decoderWidths'],
      checks: [MARKERS.decoder],
    },
    {
      id: MARKERS.forward,
      title: 'Forward pass: encoder, bottleneck code, decoder',
      exports: ['forward'],
      checks: [MARKERS.forward, 'q4.pca-subspace'],
      hiddenChecks: ['q4.hidden-deeper-forward'],
    },
    {
      id: MARKERS.loss,
      title: 'Reconstruction loss: sum over features, mean over the batch',
      exports: ['reconstructionLoss'],
      checks: [MARKERS.loss, 'q4.finite-loss', 'q4.pca-residual'],
    },
    {
      id: MARKERS.denoise,
      title: 'Denoising: Gaussian noise on the training input',
      exports: ['addNoise'],
      checks: [MARKERS.denoise],
    },
    {
      id: MARKERS.mask,
      title: 'Masking: zero input entries at random during training',
      exports: ['maskInputs'],
      checks: [MARKERS.mask],
    },
    {
      id: MARKERS.probe,
      title: 'Linear probe accuracy',
      exports: ['probeAccuracy'],
      checks: [MARKERS.probe, ...probeCount],
    },
  ],
  artifactValidators: { 'ae-cell': isAeCellArtifact, autoencoders: isAutoencodersArtifact },
  answerQuestions,
};
