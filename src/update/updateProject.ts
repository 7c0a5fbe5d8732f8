import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { readProjectAnswers } from '../answers/readAnswersFile.js';
import type { Answers, PackageManager } from '../answers/types.js';
import { uncommittedChanges } from '../add/uncommittedChanges.js';
import { isNewer, semver } from '../add/readProject.js';
import type { UpdateFlags } from '../cli/options.js';
import { StepError, UserError } from '../errors.js';
import { applyPlan, type ApplyOptions } from '../plan/applyPlan.js';
import { planWrites } from '../plan/planWrites.js';
import { summaryLines } from '../plan/summary.js';
import { changesOf, type WritePlan } from '../plan/types.js';
import { loadTemplates } from '../render/loadTemplates.js';
import { ANSWERS_FILE, render } from '../render/render.js';
import { defaultTemplatesDir } from '../render/templatesDir.js';
import type { GeneratedFile } from '../render/types.js';
import { installDependencies } from '../steps/installDependencies.js';
import { installCommand } from '../steps/packageManager.js';
import type { Reporter } from '../ui/reporter.js';
import { VERSION } from '../version.js';
import { type BaseSource, findBase } from './findBase.js';
import { isRepositoryTop } from './readBase.js';
import { recordBase } from './recordBase.js';

export type UpdateMode = 'check' | 'dry-run' | 'write';

export interface UpdateOutcome {
  project: string;
  /** The version that made the project, and the one whose templates it is updated to. */
  from: string;
  to: string;
  mode: UpdateMode;
  base?: BaseSource;
  plan?: WritePlan;
  /** Nothing to change: the project holds what this version renders. */
  current?: boolean;
  /** Files that hold conflict markers after the write. */
  conflicts: string[];
  /** The package manager ran, so node_modules and the lockfile match the new package.json. */
  installed: boolean;
  /** The command to run when this update did not install. */
  pendingInstall?: string;
  pm?: PackageManager;
}

/** A test's way to fail or interrupt the write midway (see applyPlan). */
export type UpdateHooks = Pick<ApplyOptions, 'afterEach'>;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
// The words of the summary after an update: files come and go with template versions.
const updateWords = { create: 'added', conflict: 'conflicted' } as const;

async function readUpdatable(dir: string): Promise<{ templateVersion: string; answers: Answers }> {
  if (!existsSync(join(dir, ANSWERS_FILE))) {
    throw new UserError(`${dir} is not a project made by create-scaled-api (no ${ANSWERS_FILE} in it).`, 'Run this inside a generated project, or pass --dir <path>.');
  }
  // Older answers formats come back upgraded to this version's.
  const record = await readProjectAnswers(dir);
  const made = semver(record.templateVersion);
  const running = semver(VERSION);
  if (made && running && isNewer(made, running)) {
    throw new UserError(
      `${ANSWERS_FILE} was written by create-scaled-api ${record.templateVersion}, newer than this one (${VERSION}); nothing was changed.`,
      'Run the latest version: npx create-scaled-api@latest update',
    );
  }
  return record;
}

async function refuseUncommitted(dir: string, plan: WritePlan): Promise<void> {
  const touched = changesOf(plan).filter((e) => e.action !== 'create').map((e) => e.path);
  const dirty = await uncommittedChanges(dir, touched);
  if (!dirty || dirty.length === 0) return;
  throw new UserError(
    `Uncommitted changes in ${dirty.slice(0, 3).join(', ')}${dirty.length > 3 ? ` and ${dirty.length - 3} more` : ''}, which update would change; nothing was changed.`,
    'Commit or stash them first, so the update is yours to review on its own; or pass --force to merge into them as they are.',
  );
}

const baseWords: Record<BaseSource, string> = {
  git: 'recorded in git',
  'this-version': 'rendered by this version',
  npx: 'rendered by npx',
};

/**
 * The update flow: read the project, find the base (what its version
 * rendered), render this version's templates with the same answers, plan
 * every file three ways, then print the plan (--check, --dry-run) or write
 * it as one unit, move the base, and let the package manager rewrite the
 * lockfile.
 */
export async function updateProject(flags: UpdateFlags, reporter: Reporter, outcome: (o: UpdateOutcome) => void, hooks: UpdateHooks = {}): Promise<UpdateOutcome> {
  const dir = resolve(flags.dir ?? '.');
  const project = await readUpdatable(dir);
  const display = relative(process.cwd(), dir) || '.';
  const mode: UpdateMode = flags.check ? 'check' : flags.dryRun ? 'dry-run' : 'write';
  const result: UpdateOutcome = { project: dir, from: project.templateVersion, to: VERSION, mode, conflicts: [], installed: false, pm: project.answers.pm };
  outcome(result);

  // Read while git reads the base: the two are the run's slowest waits.
  const templates = loadTemplates(defaultTemplatesDir());
  // A failure to read them is reported where they are awaited, not as an unhandled rejection meanwhile.
  templates.catch(() => {});
  const base = await reporter.step(
    'base',
    `Finding what create-scaled-api ${project.templateVersion} made for ${project.answers.name}`,
    () => findBase(dir, project.templateVersion, project.answers, templates),
    (b) => `Base: create-scaled-api ${project.templateVersion}'s ${plural(b.files.length, 'file')}, ${baseWords[b.source]}`,
  );
  result.base = base.source;
  let theirs: GeneratedFile[] = [];
  const plan = await reporter.step(
    'plan',
    `Planning the update to ${VERSION}`,
    async () => {
      theirs = render(project.answers, await templates, VERSION);
      return planWrites({ base: base.files, theirs, projectDir: dir, answersFile: ANSWERS_FILE });
    },
    (p) => `Planned: ${plural(changesOf(p).length, 'file')} to change`,
  );
  result.plan = plan;
  const changes = changesOf(plan);
  result.current = changes.length === 0;

  if (result.current) {
    reporter.line(`${display} is up to date with create-scaled-api ${VERSION}.`);
    if (mode === 'write' && base.source !== 'git' && (await isRepositoryTop(dir))) await record(dir, theirs, reporter);
    return result;
  }
  if (mode !== 'write') {
    reporter.line(`${display} is behind: create-scaled-api ${project.templateVersion} → ${VERSION} would change ${plural(changes.length, 'file')}:`);
    for (const line of summaryLines(plan, true, updateWords)) reporter.line(line);
    reporter.line(`Nothing was written (--${mode}).${mode === 'check' ? ' Run create-scaled-api update to take the changes.' : ''}`);
    return result;
  }

  if (!flags.force) await refuseUncommitted(dir, plan);
  await reporter.step(
    'write',
    `Writing ${plural(changes.length, 'file')}`,
    () => applyPlan(plan, dir, { last: [ANSWERS_FILE], ...hooks }),
    (written) => `Wrote ${plural(written.length, 'file')}; ${ANSWERS_FILE} records ${VERSION}`,
  );
  result.conflicts = plan.entries.filter((e) => e.action === 'conflict').map((e) => e.path);
  // The next update merges against what this version rendered, whatever the user does with the conflicts.
  if (await isRepositoryTop(dir)) await record(dir, theirs, reporter);

  if (plan.dependenciesChanged) await install(dir, project.answers.pm, flags, result, reporter);

  reporter.line();
  reporter.line(`Updated ${display} from create-scaled-api ${project.templateVersion} to ${VERSION}${result.conflicts.length > 0 ? ', with conflicts' : ''}:`);
  for (const line of summaryLines(plan, false, updateWords)) reporter.line(line);
  return result;
}

async function record(dir: string, files: GeneratedFile[], reporter: Reporter): Promise<void> {
  const recorded = await recordBase(dir, files, VERSION);
  if (!recorded.done) reporter.line(`  Base for later updates not recorded: ${recorded.why}`);
}

/**
 * The lockfile is the package manager's to write: after package.json
 * changed, an installed project is installed again; one never installed is
 * left for the user's first install, which writes it.
 */
async function install(dir: string, pm: PackageManager, flags: UpdateFlags, result: UpdateOutcome, reporter: Reporter): Promise<void> {
  const command = installCommand(pm);
  const retry = `${command.file} ${command.args.join(' ')}`;
  const why = result.conflicts.includes('package.json')
    ? 'package.json has conflict markers'
    : flags.install === false
      ? '--no-install'
      : !existsSync(join(dir, 'node_modules'))
        ? 'the dependencies were not installed'
        : undefined;
  if (why) {
    await reporter.skip('install', why);
    result.pendingInstall = retry;
    return;
  }
  await reporter
    .step('install', `package.json changed: installing with ${pm}, which rewrites the lockfile`, () => installDependencies(dir, pm, flags.verbose === true), () => 'Installed dependencies')
    .catch((error: unknown) => {
      result.pendingInstall = retry;
      throw error instanceof StepError ? new StepError(error.message, `The update is written; install again with: ${retry}`, error.output) : error;
    });
  result.installed = true;
}
