import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readPreset } from '../answers/readPreset.js';
import type { Answers, Resource } from '../answers/types.js';
import { UserError } from '../errors.js';
import { ANSWERS_FILE } from '../render/render.js';
import { VERSION } from '../version.js';
import { resourceNameProblem } from './names.js';
import { fieldProblem } from './parseFields.js';

/** A generated project as its answers file records it. */
export interface Project {
  dir: string;
  /** The version of create-scaled-api whose templates made it. */
  templateVersion: string;
  answers: Answers;
}

const answerKeys: readonly (keyof Answers)[] = ['name', 'db', 'cache', 'replicas', 'monitoring', 'docker', 'k8s', 'ci', 'pm', 'resources'];

/** [major, minor, patch] of a plain semver (pre-release tags ignored), or undefined. */
function semver(version: string): [number, number, number] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function isNewer(a: [number, number, number], b: [number, number, number]): boolean {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}

function resourceProblem(resource: Resource): string | undefined {
  const nameProblem = resourceNameProblem(resource.name);
  if (nameProblem) return `resource "${resource.name}" ${nameProblem}`;
  if (!Array.isArray(resource.fields) || resource.fields.length === 0) return `resource "${resource.name}" has no fields`;
  for (const field of resource.fields) {
    const problem = fieldProblem(field);
    if (problem) return `resource "${resource.name}": ${problem}`;
  }
  return undefined;
}

/**
 * The project in `dir`, from its `.scaled-api.json`. Refuses (exit 2) a
 * folder without one, a file this CLI cannot read, and one written by a newer
 * create-scaled-api, whose answers this version may not understand.
 */
export function readProject(dir: string): Project {
  const file = join(dir, ANSWERS_FILE);
  const shown = relative(process.cwd(), dir) || '.';
  if (!existsSync(file)) {
    throw new UserError(`${shown} is not a project made by create-scaled-api (no ${ANSWERS_FILE} in it).`, 'Run this inside a generated project, or pass --dir <path>.');
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(`${ANSWERS_FILE} is not valid JSON: ${(error as Error).message}.`);
  }
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const version = typeof record.templateVersion === 'string' ? semver(record.templateVersion) : undefined;
  if (!version || typeof record.answers !== 'object') {
    throw new UserError(`${ANSWERS_FILE} is from an unknown version: it has no templateVersion and answers.`, 'It is written by create-scaled-api; restore it from git.');
  }
  const running = semver(VERSION);
  if (running && isNewer(version, running)) {
    throw new UserError(
      `${ANSWERS_FILE} was written by create-scaled-api ${record.templateVersion as string}, newer than this one (${VERSION}).`,
      `Run the same version or newer: npx create-scaled-api@${record.templateVersion as string} add resource …`,
    );
  }
  const answers = readPreset(file);
  const missing = answerKeys.filter((k) => answers[k] === undefined);
  if (missing.includes('resources')) {
    throw new UserError(`${ANSWERS_FILE} records no resources: the project predates resources as the unit of the templates.`, 'Add the resource by hand, following src/routes/items.ts.');
  }
  if (missing.length > 0) throw new UserError(`${ANSWERS_FILE} lacks the answer${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`);
  for (const resource of answers.resources!) {
    const problem = resourceProblem(resource);
    if (problem) throw new UserError(`${ANSWERS_FILE}: ${problem}.`);
  }
  return { dir, templateVersion: record.templateVersion as string, answers: answers as Answers };
}
