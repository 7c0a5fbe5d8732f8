import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readProjectAnswers } from '../answers/readAnswersFile.js';
import type { Answers } from '../answers/types.js';
import { UserError } from '../errors.js';
import { ANSWERS_FILE } from '../render/render.js';
import { VERSION } from '../version.js';

/** A generated project as its answers file records it. */
export interface Project {
  dir: string;
  /** The version of create-scaled-api whose templates made it. */
  templateVersion: string;
  answers: Answers;
}

/** [major, minor, patch] of a semver (pre-release tags ignored), or undefined. */
export function semver(version: string): [number, number, number] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

export function isNewer(a: [number, number, number], b: [number, number, number]): boolean {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}

/**
 * The project in `dir`, from its `.scaled-api.json` (checked against the
 * answers schema). Refuses, as bad input, a folder without one, a file from a
 * format this CLI does not know, one written by a newer create-scaled-api,
 * and one from before resources were folders of their own, which `add`
 * cannot grow.
 */
export async function readProject(dir: string): Promise<Project> {
  const file = join(dir, ANSWERS_FILE);
  if (!existsSync(file)) {
    throw new UserError(`${dir} is not a project made by create-scaled-api (no ${ANSWERS_FILE} in it).`, 'Run this inside a generated project, or pass --dir <path>.');
  }
  const record = await readProjectAnswers(dir);
  if (record.version < 2) {
    throw new UserError(
      `${ANSWERS_FILE} is format ${record.version}: the project predates one folder per resource, so add cannot grow it.`,
      'Add the resource by hand, following src/routes/items.ts.',
    );
  }
  const made = semver(record.templateVersion);
  const running = semver(VERSION);
  if (made && running && isNewer(made, running)) {
    throw new UserError(
      `${ANSWERS_FILE} was written by create-scaled-api ${record.templateVersion}, newer than this one (${VERSION}).`,
      `Run that version or a later one: npx create-scaled-api@${record.templateVersion} add resource …`,
    );
  }
  return { dir, templateVersion: record.templateVersion, answers: record.answers };
}
