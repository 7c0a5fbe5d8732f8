import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pluralize from 'pluralize';
import type { Answers } from '../answers/types.js';
import { UserError } from '../errors.js';
import { ANSWERS_FILE, resourceContext } from '../render/render.js';
import { isReservedWord, resourceNameProblem } from './names.js';

/**
 * Refuses, as bad input, a name the project cannot take: not a plural kebab
 * name, reserved, already a resource, a singular or type another resource
 * has, or a folder already on disk.
 */
export function checkResourceName(name: string, answers: Answers, projectDir: string): void {
  const hint = 'A resource is named by its plural: orders, line-items.';
  const problem = resourceNameProblem(name);
  if (problem) throw new UserError(`Invalid resource name "${name}": it ${problem}.`, hint);
  if (answers.resources.some((r) => r.name === name)) {
    throw new UserError(`The project already has a resource called ${name}.`, `Its code is in src/resources/${name}/; pick another name to add a new one.`);
  }
  const names = resourceContext({ name, fields: [] });
  if (names.singular === names.key) {
    const plural = pluralize.plural(name);
    throw new UserError(`Invalid resource name "${name}": it must be a plural, whose singular names one ${names.singular}.`, plural !== name ? `Did you mean ${plural}?` : hint);
  }
  if (isReservedWord(names.singular)) throw new UserError(`Invalid resource name "${name}": its singular "${names.singular}" is a reserved word in JavaScript.`, hint);
  const twin = answers.resources.find((r) => resourceContext(r).type === names.type);
  if (twin) throw new UserError(`Invalid resource name "${name}": its type ${names.type} is already the type of ${twin.name}.`, hint);
  if (existsSync(join(projectDir, 'src/resources', name))) {
    throw new UserError(`src/resources/${name}/ already exists, though ${ANSWERS_FILE} does not list it.`, 'Move that folder away, or pick another name.');
  }
}
