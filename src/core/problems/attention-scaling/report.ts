// Problem 2 in the report: the histograms, the saturation plots, the answers 2a–2c at the run's point,
// with the closed forms only where the panel would show them (closedFormsShown.ts).
import type { Artifact } from '../../engine/events';
import { formatValue, textTable } from '../../report/format';
import type { Block, ProblemReport } from '../../report/types';
import type { ScalingRunArtifact } from './artifact';
import { CLOSED_FORMS_NOTE, HIDDEN_CLOSED_FORM, closedFormsShown } from './closedFormsShown';
import { closedMean, closedVariance } from './stats';
import { scalingAnswerVerdicts } from './figures/scalingAnswers';
import { renderSaturationSvg, renderScalingHistogramSvg, scalingClosedForms } from './figures/scalingCharts';

export const report: ProblemReport = {
  kinds: ['attention-scaling'],
  artifactBlocks: (artifact: Artifact, idPrefix: string) => scalingRunBlocks(artifact as ScalingRunArtifact, idPrefix),
};

/**
 * A problem 2 run: histograms at the run's d, the saturation plots, the answers at that point, the
 * Monte-Carlo table. The closed forms (the answers to 2a–2c evaluated) join the histograms, the
 * answers and the table only when closedFormsShown allows: answers revealed, or 2a–2c agree.
 */
function scalingRunBlocks(run: ScalingRunArtifact, idPrefix: string): Block[] {
  const { d } = run.histogram;
  const point = { d, mu: run.mu, sigma: run.sigma };
  const shown = closedFormsShown(run, point);
  const c = scalingClosedForms(d, run.mu, run.sigma);
  const hidden = HIDDEN_CLOSED_FORM;
  const answers: Block = run.answers.length
    ? textTable(
        ['question', 'answer', 'quantity', 'value', 'closed form', 'result'],
        scalingAnswerVerdicts(run.answers, point).map((v) => [
          v.id,
          v.text,
          v.quantity,
          v.value === undefined ? '–' : formatValue(v.value),
          shown ? formatValue(v.expected) : hidden,
          v.ok === undefined ? `unreadable: ${v.reason ?? ''}` : v.ok ? 'agrees' : 'DISAGREES',
        ]),
      )
    : { kind: 'text', text: ['No answers to 2a–2c in answers.md.'], muted: true };
  return [
    { kind: 'heading', level: 3, text: run.title },
    {
      kind: 'text',
      text: [
        `q, k ~ N(μ, σ²I) with μ = ${formatValue(run.mu)}, σ = ${formatValue(run.sigma)}; ${run.samples} samples per d.`,
        ...(shown ? [] : [CLOSED_FORMS_NOTE]),
      ],
      muted: true,
    },
    {
      kind: 'figures',
      figures: [
        {
          svg: renderScalingHistogramSvg(run.histogram.raw, {
            idPrefix,
            which: 'raw',
            d,
            ...(shown ? { closed: { mean: c.mean, variance: c.variance } } : {}),
          }),
        },
        {
          svg: renderScalingHistogramSvg(run.histogram.scaled, {
            idPrefix,
            which: 'scaled',
            d,
            ...(shown ? { closed: { mean: c.scaledMean, variance: c.scaledVariance } } : {}),
          }),
        },
      ],
    },
    { kind: 'heading', level: 4, text: 'Softmax saturation' },
    {
      kind: 'figures',
      figures: [
        { svg: renderSaturationSvg(run.saturation, 'maxWeight', { idPrefix }) },
        { svg: renderSaturationSvg(run.saturation, 'gradNorm', { idPrefix }) },
      ],
    },
    {
      kind: 'heading',
      level: 4,
      text: `Answers 2a–2c at d = ${d}${run.answers.some((a) => a.id === '2b') ? ' (2b at μ = 0, σ = 1)' : ''}`,
    },
    answers,
    { kind: 'heading', level: 4, text: 'Monte-Carlo moments' },
    textTable(
      ['d', 'mean', 'closed mean', 'variance', 'closed variance', 'scaled mean', 'scaled variance'],
      run.moments.map((m) => [
        String(m.d),
        formatValue(m.mean),
        shown ? formatValue(closedMean(m.d, m.mu)) : hidden,
        formatValue(m.variance),
        shown ? formatValue(closedVariance(m.d, m.mu, m.sigma)) : hidden,
        formatValue(m.scaledMean),
        formatValue(m.scaledVariance),
      ]),
    ),
  ];
}
