// `hw6-lab`: run the homework's problems headlessly (reference or a student's workspace), check a
// workspace, write the workspace template, list the problems. Entry of dist/cli.js.
import { Command, CommanderError } from 'commander';
import { checkCommand, initCommand, listCommand, runCommand, type CheckOptions, type RunOptions } from './commands';
import { gradeCommand, type GradeOptions } from './grade/grade';
import { problemOptions } from './problemOptions';
import { UsageError } from './usageError';
import { flavour } from '../core/flavour';

function program(): Command {
  const cli = new Command('hw6-lab')
    .description('HW6 Lab: run, check and set up the Homework 6 problems from the command line.')
    .exitOverride()
    .showSuggestionAfterError(true);

  const run = cli
    .command('run')
    .description('Run problems (all unless ids are given): the experiment, then the checks.')
    .argument('[ids...]', 'problem ids (see `hw6-lab list`)')
    .option(
      '--reference',
      flavour === 'student'
        ? 'replay the recorded reference runs (this build has no reference solutions)'
        : 'run the reference solutions',
    )
    .option(
      '--workspace <dir>',
      "run the student's files in this folder (default: the current folder); its answers.md, when present, is checked too",
    )
    .option('--quick', 'use the small, fast configurations')
    .option('--seed <n>', 'random seed')
    .option(
      '--time-limit <seconds>',
      'the CPU time each step of a run (the experiment, a grid cell, a batch of checks) may take (default 120)',
    )
    .option('--memory-limit <MB>', "the memory the process running the student's code may use (default 2048)")
    .option('--json <file>', 'write the results as JSON')
    .option(
      '--report <dir>',
      'write the submission report into this folder: report.html (self-contained, prints to PDF), report.md and report.json; a workspace run shows answers.md too',
    )
    .option(
      '--reveal-answers',
      "show what gives answers away: answers.md diagnostics quote the expected answer, problem 2's closed forms (the answers to 2a–2c) appear in the report (also with --reference, which reads no answers.md); with --reference, problem 5 (whose Figure 2 beams are the answers to 5a–5c) runs without its warning",
    )
    .option(
      '--pool-size <n>',
      "processes for a problem's independent cells (the autoencoder grid); default: HW6_POOL_SIZE, else one per core; 1 runs them in the run's own process",
    )
    .action(async (ids: string[], options: RunOptions) => {
      process.exitCode = await runCommand(ids, options);
    });
  for (const option of problemOptions()) run.addOption(option);

  cli
    .command('check')
    .description("Run only the checks on a student's files and report what fails, at its line.")
    .argument(
      '[ids...]',
      'problem ids (default: every problem whose file is in the workspace, and every problem answers.md answers)',
    )
    .option('--workspace <dir>', 'the workspace folder (default: the current folder)')
    .option(
      '--time-limit <seconds>',
      'the CPU time each step of a run (the experiment, a grid cell, a batch of checks) may take (default 120)',
    )
    .option('--memory-limit <MB>', "the memory the process running the student's code may use (default 2048)")
    .option(
      '--json',
      'print the findings as a JSON array: file, line, severity, code, message, and related (follow-on failures) and hints when there are some (answers.md findings have file "answers.md")',
    )
    .option(
      '--reveal-answers',
      'let answers.md diagnostics quote the expected answer, and failed checks give every hint',
    )
    .option(
      '--hint <level>',
      'print each failed check\'s hints up to this level (1 says least; the editor\'s "Show hint")',
    )
    .addHelpText(
      'after',
      `
answers.md: when the workspace has one, each problem's checks also judge the answers to its
questions (2a-2c, 3a-3c-ii-memory), reported at their lines in answers.md. A problem whose file is
absent is still checked when answers.md answers its questions: its answers are then judged with the
reference solution (complexity claims are held against measured growth only with your own file).`,
    )
    .action(async (ids: string[], options: CheckOptions) => {
      process.exitCode = await checkCommand(ids, options);
    });

  cli
    .command('grade')
    .description(
      "Grade submissions (staff): each one's checks and answers.md questions run in the isolated runner and are scored with a rubric.",
    )
    .argument(
      '<submissions...>',
      "each a student's workspace: a folder or a .zip (the files may sit in a nested folder)",
    )
    .option(
      '--rubric <file>',
      'the rubric: points per check and per question, partial credit, limits (default: grading/rubric.json)',
    )
    .option('--jobs <n>', 'submissions graded at once, each in processes of its own (default 1)')
    .option(
      '--gradescope <file>',
      "write Gradescope's results.json (with several submissions: a folder of <submission>.json)",
    )
    .option(
      '--csv <file>',
      'write the gradebook: a row per submission with its total, per-problem and per-question points',
    )
    .option(
      '--feedback <dir>',
      'write a feedback page per submission (<submission>.html): the report with the points beside each check',
    )
    .option(
      '--classroom <file>',
      "write GitHub Classroom's autograding result (the grading reporter's JSON; with several submissions: a folder of <submission>.json)",
    )
    .option(
      '--no-reuse',
      'run every problem of every submission, even one whose files are identical to a run already made in this batch',
    )
    .addHelpText(
      'after',
      `
Runs are checks-only in the full configuration (the checks a student runs with "Check", not the
experiments), each step within the rubric's limits (default 60 s of CPU, 1024 MB). A run that crashes,
times out or floods memory scores what ran; its other items score 0 with a "Not run: …" entry.
Within a batch, a problem whose files (student file, answers.md) are identical to an earlier
submission's is run once and its result reused, unless that run ended early.
A progress line per submission goes to stderr. Exit codes: 0 every submission graded, 1 some
could not be read (unreadable or refused .zip), 2 bad arguments or an invalid rubric.
See docs/grading.md for the rubric's format.`,
    )
    .action(async (submissions: string[], options: GradeOptions) => {
      process.exitCode = await gradeCommand(submissions, options);
    });

  cli
    .command('init')
    .description('Write the homework workspace template into a folder; existing files are never overwritten.')
    .argument('<dir>', 'the folder to create or fill')
    .action((dir: string) => {
      process.exitCode = initCommand(dir);
    });

  cli
    .command('list')
    .description('List the problems.')
    .action(() => {
      process.exitCode = listCommand();
    });

  return cli;
}

async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander has already printed its one-line message (or the help/version text)
      process.exitCode = err.exitCode === 0 ? 0 : 2;
    } else if (err instanceof UsageError) {
      process.stderr.write(`hw6-lab: ${err.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`hw6-lab: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    }
  }
}

void main(process.argv);
