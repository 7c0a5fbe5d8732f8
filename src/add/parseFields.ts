import { type FieldType, fieldTypes, type ResourceField } from '../answers/types.js';
import { UserError } from '../errors.js';
import { closest } from '../utils/closest.js';
import { fieldNameProblem } from './names.js';

const uniqueTypes: readonly FieldType[] = ['string', 'email'];
const example = 'customer:string,total:number,paid:boolean?';

/** Why one field (from --fields or a recorded answers file) is wrong, or undefined. */
export function fieldProblem(field: ResourceField): string | undefined {
  const nameProblem = fieldNameProblem(field.name);
  if (nameProblem) return `Field name "${field.name}" ${nameProblem}.`;
  if (!fieldTypes.includes(field.type)) return `Unknown field type "${String(field.type)}" for "${field.name}".`;
  if (field.unique && !uniqueTypes.includes(field.type)) return `Only ${uniqueTypes.join(' and ')} fields can be unique ("${field.name}" is ${field.type}).`;
  if (field.minimum !== undefined && (field.type !== 'integer' && field.type !== 'number')) return `Only integer and number fields have a minimum ("${field.name}" is ${field.type}).`;
  return undefined;
}

/** One entry of --fields: `name:type`, then `?` (optional) and/or `!` (unique). */
function parseField(entry: string): ResourceField {
  const match = /^([^:\s]*)\s*:\s*([a-zA-Z]*)([?!]*)$/.exec(entry);
  if (!match || match[1] === '' || match[2] === '') {
    throw new UserError(`Malformed field "${entry}": expected name:type, e.g. total:number or note:text?.`, `Example: --fields "${example}"`);
  }
  const [, name, typeText, marks] = match as unknown as [string, string, string, string];
  const type = typeText.toLowerCase();
  if (!(fieldTypes as readonly string[]).includes(type)) {
    const meant = closest(type, fieldTypes);
    throw new UserError(`Unknown field type "${typeText}" in "${entry}".${meant ? ` Did you mean ${meant}?` : ''}`, `Field types: ${fieldTypes.join(', ')}; add ? for optional, ! for unique.`);
  }
  if (marks.length > new Set(marks).size) throw new UserError(`Malformed field "${entry}": each of ? and ! at most once.`);
  const field: ResourceField = { name, type: type as FieldType };
  if (marks.includes('?')) field.optional = true;
  if (marks.includes('!')) field.unique = true;
  const problem = fieldProblem(field);
  if (problem) throw new UserError(problem, `Example: --fields "${example}"`);
  return field;
}

/**
 * The fields of `--fields "customer:string,total:number,note:text?"`.
 * Throws a UserError naming the entry at fault.
 */
export function parseFields(text: string): ResourceField[] {
  const entries = text.split(',').map((e) => e.trim());
  if (entries.length === 1 && entries[0] === '') throw new UserError('--fields needs at least one field.', `Example: --fields "${example}"`);
  const fields: ResourceField[] = [];
  for (const entry of entries) {
    if (entry === '') throw new UserError(`Malformed --fields "${text}": an empty entry between commas.`, `Example: --fields "${example}"`);
    const field = parseField(entry);
    if (fields.some((f) => f.name === field.name)) throw new UserError(`Field "${field.name}" is given twice in --fields.`);
    fields.push(field);
  }
  return fields;
}

/** The fields back in --fields form, for messages and the command to re-run. */
export function formatFields(fields: readonly ResourceField[]): string {
  return fields.map((f) => `${f.name}:${f.type}${f.optional ? '?' : ''}${f.unique ? '!' : ''}`).join(',');
}
