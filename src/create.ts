import { relative, resolve } from 'node:path';
import { plannedSteps, resolveAnswers } from './answers/resolveAnswers.js';
import type { Answers } from './answers/types.js';
import type { CreateFlags } from './cli/options.js';
import { StepError } from './errors.js';
import { loadTemplates } from './render/loadTemplates.js';
import { render } from './render/render.js';
import { defaultTemplatesDir } from './render/templatesDir.js';
import { initGit } from './steps/initGit.js';
import { recordBase } from './update/recordBase.js';
import { inspectTarget } from './steps/inspectTarget.js';
import { installDependencies } from './steps/installDependencies.js';
import { nextSteps } from './steps/logNextSteps.js';
import { assertPackageManagerAvailable, installCommand } from './steps/packageManager.js';
import { smokeTest } from './steps/smokeTest.js';
import { writeProject } from './steps/writeProject.js';
import type { Reporter } from './ui/reporter.js';
import { VERSION } from './version.js';

export interface CreateOutcome {
  answers: Answers;
  target: string;
  files: string[];
  overwritten: string[];
  dryRun: boolean;
}

/** The whole create flow, one call per step; errors bubble to the caller. */
export async function create(
  directory: string | undefined,
  flags: CreateFlags,
  reporter: Reporter,
  setOutcome: (o: CreateOutcome) => void,
): Promise<void> {
  const templateDir = flags.template ? resolve(flags.template) : defaultTemplatesDir();
  const { answers, run } = await resolveAnswers(directory, flags, templateDir);
  const target = resolve(run.directory);
  const display = relative(process.cwd(), target) || '.';

  if (!run.interactive) await reporter.start(`create-scaled-api ${VERSION}`);
  const state = inspectTarget(target, display, run.force);
  if (run.install && !run.dryRun) await assertPackageManagerAvailable(answers.pm);
  const files = render(answers, await loadTemplates(templateDir), VERSION);
  const outcome: CreateOutcome = { answers, target, files: files.map((f) => f.path), overwritten: [], dryRun: run.dryRun };
  setOutcome(outcome);

  if (run.dryRun) {
    reporter.line(`Would create ${display} (${answers.name}) with ${files.length} files:`);
    for (const f of files) reporter.line(`  ${f.path}${state.entries.includes(f.path.split('/')[0]!) ? '   (exists: would be overwritten with --force)' : ''}`);
    reporter.line(`Then: ${plannedSteps({ ...run, dryRun: false }).join(', ') || 'nothing'}. Nothing was written (--dry-run).`);
    return;
  }

  const written = await reporter.step(
    'write',
    `Writing ${files.length} files to ${display}`,
    () => writeProject(files, target, state),
    () => `Wrote ${files.length} files to ${display}`,
  );
  outcome.overwritten = written.overwritten;
  if (written.overwritten.length > 0) reporter.line(`  replaced (--force): ${written.overwritten.join(', ')}`);

  const pm = installCommand(answers.pm);
  const retryInstall = `cd ${display} && ${pm.file} ${pm.args.join(' ')}`;
  if (run.install) {
    await reporter
      .step('install', `Installing dependencies with ${answers.pm}`, () => installDependencies(target, answers.pm, run.verbose), () => 'Installed dependencies')
      .catch((error: unknown) => {
        throw withHint(error, `The project is in ${display}; retry with: ${retryInstall}`);
      });
  } else await reporter.skip('install', '--no-install');

  if (run.git) {
    const git = await reporter.step('git', 'Initialising git', () => initGit(target), (r) => (r.done ? 'Initialised git with a first commit' : `Git skipped: ${r.why}`));
    if (!git.done) reporter.steps[reporter.steps.length - 1]!.status = 'skipped';
    // What the templates rendered, kept apart from the first commit so a later update can merge three ways.
    else {
      const base = await recordBase(target, files, VERSION);
      if (!base.done) reporter.line(`  Base for later updates not recorded: ${base.why}`);
    }
  } else await reporter.skip('git', '--no-git');

  if (run.smoke && run.install) {
    await reporter
      .step('smoke', 'Smoke test: starting the server and calling it', () => smokeTest(target), (r) => `Smoke test passed (server up in ${(r.startupMs / 1000).toFixed(1)} s)`)
      .catch((error: unknown) => {
        throw withHint(error, `The project is in ${display}; retry with: cd ${display} && ${answers.pm} run dev, then ${answers.pm} run smoke`);
      });
  } else await reporter.skip('smoke', run.smoke ? 'needs the dependencies installed' : '--no-smoke');

  await reporter.finish(`Created ${answers.name} in ${display}`, nextSteps(target, answers, run.install));
}

function withHint(error: unknown, hint: string): unknown {
  if (error instanceof StepError) return new StepError(error.message, hint, error.output);
  return error;
}
