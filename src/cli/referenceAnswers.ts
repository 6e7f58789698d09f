// `hw6-lab run --reference` runs the lab's own solutions; for some problems their output states the
// answers to written questions (problem 5: Figure 2's beams are the answers to 5a–5c). The editor shows
// those only behind a question (the beam view's modal, unless hw6.revealAnswers); a command line
// cannot ask, so the run says so in one line before its output, unless --reveal-answers is given.
// (Problem 2's closed forms are held back instead: they are a display that waits for the student's
// own answers, which a reference run does not have. Problem 5's beams are what its run computes,
// in its output, --json and --report alike, so they are shown, with the warning.)

/** The problems whose reference run shows answers to written questions, and which ones. */
export const REFERENCE_SHOWS_ANSWERS: Readonly<Record<string, { answers: string; where: string }>> = {
  'beam-search': { answers: '5a–5c', where: "Figure 2's beams" },
};

/** The warning lines a run prints before its output: none unless it runs the reference without --reveal-answers. */
export function referenceAnswerWarnings(
  problemIds: readonly string[],
  options: { reference?: boolean; revealAnswers?: boolean },
): string[] {
  if (!options.reference || options.revealAnswers) return [];
  return problemIds.flatMap((id) => {
    const shown = REFERENCE_SHOWS_ANSWERS[id];
    return shown
      ? [
          `hw6-lab: warning: ${id}: this shows the reference's answers to ${shown.answers} (${shown.where}, in the output, --json and --report); pass --reveal-answers to run it without this warning.`,
        ]
      : [];
  });
}
