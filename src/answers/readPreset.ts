import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import {
  type Answers,
  cacheChoices,
  ciChoices,
  dbChoices,
  pmChoices,
  replicasProblem,
} from './types.js';

type Check = (value: unknown) => string | undefined;

const oneOf =
  (choices: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && choices.includes(v) ? undefined : `must be one of ${choices.join(', ')}`;
const isBoolean: Check = (v) => (typeof v === 'boolean' ? undefined : 'must be true or false');

// One check per answer: the same choices the flags accept.
const checks: Record<keyof Answers, Check> = {
  name: (v) => (typeof v === 'string' && v.length > 0 ? undefined : 'must be a non-empty string'),
  db: oneOf(dbChoices),
  cache: oneOf(cacheChoices),
  replicas: replicasProblem,
  monitoring: isBoolean,
  docker: isBoolean,
  k8s: isBoolean,
  tracing: isBoolean,
  ci: oneOf(ciChoices),
  pm: oneOf(pmChoices),
  // Checked in full by the answers schema; here only its outer shape.
  resources: (v) => (Array.isArray(v) ? undefined : 'must be a list of resources'),
};

/**
 * Reads an answers file: either `.scaled-api.json` from another project
 * (`{ templateVersion, answers }`) or a bare answers object.
 */
export function readPreset(file: string): Partial<Answers> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UserError(`Cannot read preset ${file} (${code}).`, 'Pass --preset a JSON file, e.g. another project\'s .scaled-api.json.');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`Preset ${file} is not valid JSON: ${(error as Error).message}.`);
  }
  const answers = isObject(data) && isObject(data.answers) ? data.answers : data;
  if (!isObject(answers)) throw new UserError(`Preset ${file} must hold a JSON object of answers.`);

  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(answers)) {
    const check = checks[key as keyof Answers];
    if (!check) {
      throw new UserError(`Preset ${file}: unknown answer "${key}".`, `Known answers: ${Object.keys(checks).join(', ')}.`);
    }
    const problem = check(value);
    if (problem) throw new UserError(`Preset ${file}: "${key}" ${problem} (got ${JSON.stringify(value)}).`);
    result[key] = value;
  }
  return result as Partial<Answers>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
