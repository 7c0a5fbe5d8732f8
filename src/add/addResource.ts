import { relative, resolve } from 'node:path';
import { isInteractive } from '../answers/resolveAnswers.js';
import type { Answers, PackageManager, Resource } from '../answers/types.js';
import type { AddResourceFlags } from '../cli/options.js';
import { StepError, UserError } from '../errors.js';
import { applyPlan } from '../plan/applyPlan.js';
import { planWrites } from '../plan/planWrites.js';
import { summaryLines } from '../plan/summary.js';
import { changesOf, type WritePlan } from '../plan/types.js';
import { ANSWERS_FILE, render, resourceContext } from '../render/render.js';
import { loadTemplates } from '../render/loadTemplates.js';
import { defaultTemplatesDir } from '../render/templatesDir.js';
import type { GeneratedFile } from '../render/types.js';
import type { Reporter } from '../ui/reporter.js';
import { recordBase, recordedBase } from '../update/recordBase.js';
import { VERSION } from '../version.js';
import { generateMigration, hasDrizzleKit, migrationCommand } from './generateMigration.js';
import { checkResourceName } from './checkResourceName.js';
import { formatFields, parseFields } from './parseFields.js';
import { type Project, readProject } from './readProject.js';
import { uncommittedChanges } from './uncommittedChanges.js';

/** The flags of `add resource`, as the option table in src/cli/options.ts defines them. */
export type AddFlags = AddResourceFlags;

export interface AddOutcome {
  project: string;
  resource: Resource;
  dryRun: boolean;
  plan?: WritePlan;
  /** Files that hold conflict markers after the write. */
  conflicts: string[];
  migrations: string[];
  /** The project's package manager, for the next steps. */
  pm: PackageManager;
  /** The command that makes the migration, when this run did not. */
  pendingMigration?: string;
}

const hasAuth = (answers: Answers) => answers.auth !== 'none';

async function fieldsFor(name: string, flags: AddFlags): Promise<Resource['fields']> {
  if (flags.fields !== undefined) return parseFields(flags.fields);
  if (!isInteractive({ yes: flags.yes, json: flags.json })) {
    throw new UserError(`add resource ${name} needs --fields when it cannot ask (--yes, CI or no terminal).`, `Example: --fields "customer:string,total:number,paid:boolean?"`);
  }
  const { promptFields } = await import('./promptFields.js');
  return promptFields(name);
}

async function refuseUncommitted(project: Project, plan: WritePlan): Promise<void> {
  const touched = changesOf(plan).filter((e) => e.action !== 'create').map((e) => e.path);
  const dirty = await uncommittedChanges(project.dir, touched);
  if (!dirty || dirty.length === 0) return;
  throw new UserError(
    `Uncommitted changes in ${dirty.slice(0, 3).join(', ')}${dirty.length > 3 ? ` and ${dirty.length - 3} more` : ''}, which add resource would change.`,
    'Commit or stash them first, so the change is yours to review; or pass --force to merge into them as they are.',
  );
}

/**
 * The add flow: read the project, check the name and fields, render the
 * recorded answers (base) and the answers with the new resource (theirs),
 * plan, write as one unit, record, and let drizzle-kit write the migration.
 */
export async function addResource(name: string, flags: AddFlags, reporter: Reporter, outcome: (o: AddOutcome) => void): Promise<AddOutcome> {
  const project = await readProject(resolve(flags.dir ?? '.'));
  const display = relative(process.cwd(), project.dir) || project.answers.name;
  checkResourceName(name, project.answers, project.dir);
  if (flags.private && !hasAuth(project.answers)) {
    throw new UserError('--private keeps reads for signed-in users, and this project has no auth.', 'Leave out --private; the resource then reads like items.');
  }
  const resource: Resource = { name, fields: await fieldsFor(name, flags), ...(flags.private ? { private: true } : {}) };
  const result: AddOutcome = { project: project.dir, resource, dryRun: flags.dryRun === true, conflicts: [], migrations: [], pm: project.answers.pm };
  outcome(result);

  let theirs: GeneratedFile[] = [];
  const plan = await reporter.step(
    'plan',
    `Planning ${name} (${formatFields(resource.fields)}) in ${display}`,
    async () => {
      const templates = await loadTemplates(defaultTemplatesDir());
      // Both renders use the recorded version: add grows the project; it does not update its templates.
      const base = render(project.answers, templates, project.templateVersion);
      theirs = render({ ...project.answers, resources: [...project.answers.resources, resource] }, templates, project.templateVersion);
      return planWrites({ base, theirs, projectDir: project.dir, answersFile: ANSWERS_FILE });
    },
    (p) => `Planned: ${changesOf(p).length} ${changesOf(p).length === 1 ? 'file' : 'files'} to write`,
  );
  result.plan = plan;
  if (project.templateVersion !== VERSION) {
    // The merge keeps the project's own version of every file, but the new
    // resource's files come from this CLI's templates.
    reporter.line(`Note: the project was made by create-scaled-api ${project.templateVersion}; the new files come from ${VERSION}'s templates.`);
  }
  const { table } = resourceContext(resource);

  if (result.dryRun) {
    reporter.line(`Would add ${name} to ${display}:`);
    for (const line of summaryLines(plan, true)) reporter.line(line);
    if (project.answers.db === 'postgres' && flags.migration !== false) reporter.line(`Then: drizzle-kit generate (${migrationCommand(project.answers.pm, table)}). Nothing was written (--dry-run).`);
    else reporter.line('Nothing was written (--dry-run).');
    return result;
  }

  if (!flags.force) await refuseUncommitted(project, plan);
  const changes = changesOf(plan);
  await reporter.step(
    'write',
    `Writing ${changes.length} files`,
    () => applyPlan(plan, project.dir, { last: [ANSWERS_FILE] }),
    (written) => `Wrote ${written.length} files and recorded ${name} in ${ANSWERS_FILE}`,
  );
  result.conflicts = plan.entries.filter((e) => e.action === 'conflict').map((e) => e.path);
  // Keep the recorded base in step with the answers, so a later update does not see the new resource as the user's own edit.
  if (await recordedBase(project.dir)) {
    const recorded = await recordBase(project.dir, theirs, project.templateVersion);
    if (!recorded.done) reporter.line(`  Base for later updates not recorded: ${recorded.why}`);
  }

  const retry = migrationCommand(project.answers.pm, table);
  const why = project.answers.db !== 'postgres' ? 'no database (--db none)' : flags.migration === false ? '--no-migration' : !hasDrizzleKit(project.dir) ? 'the dependencies are not installed' : undefined;
  if (why) {
    await reporter.skip('migration', why);
    if (project.answers.db === 'postgres') result.pendingMigration = retry;
  } else {
    const migration = await reporter
      .step('migration', 'Generating the migration with drizzle-kit', () => generateMigration(project.dir, table), (files) => `Generated ${files.join(', ')}`)
      .catch((error: unknown) => {
        throw withHint(error, `The resource is written; make the migration with: cd ${display} && ${retry}`);
      });
    result.migrations = migration;
  }

  reporter.line();
  reporter.line(result.conflicts.length > 0 ? `Added ${name} to ${display}, with conflicts:` : `Added ${name} to ${display}:`);
  for (const line of summaryLines(plan, false)) reporter.line(line);
  return result;
}

function withHint(error: unknown, hint: string): unknown {
  return error instanceof StepError ? new StepError(error.message, hint, error.output) : error;
}
