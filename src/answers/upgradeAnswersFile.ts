import { ANSWERS_FORMAT_VERSION } from './schema.js';
import { defaultResources } from './types.js';

type FileObject = Record<string, unknown>;

// upgrades[n] turns a format-n file into format n + 1. Each step only adds or
// moves what changed, and leaves anything it does not recognise for the
// schema to report, so a wrong file is still named by its own pointers.
const upgrades: Record<number, (file: FileObject) => FileObject> = {
  // Format 1 (no `version` key) predates resources: a project had items and users.
  1: (file) => {
    const answers = file.answers;
    const isObject = typeof answers === 'object' && answers !== null && !Array.isArray(answers);
    if (!isObject || 'resources' in answers) return { ...file, version: 2 };
    return { ...file, version: 2, answers: { ...answers, resources: structuredClone(defaultResources) } };
  },
  // Format 2 predates auth: what it describes has every route open.
  2: (file) => {
    const answers = file.answers;
    const isObject = typeof answers === 'object' && answers !== null && !Array.isArray(answers);
    if (!isObject || 'auth' in answers) return { ...file, version: 3 };
    return { ...file, version: 3, answers: { ...answers, auth: 'none' } };
  },
};

/** The format a parsed file says it is in: its `version`, or 1 when it has none. */
export function formatVersionOf(file: FileObject): unknown {
  return 'version' in file ? file.version : 1;
}

/**
 * Brings a parsed answers file of format `from` to the current format. A
 * `from` that is not a known older format is left as it is, for the schema
 * to refuse.
 */
export function upgradeAnswersFile(file: FileObject, from: unknown): FileObject {
  if (!Number.isInteger(from) || (from as number) < 1) return file;
  let upgraded = file;
  for (let version = from as number; version < ANSWERS_FORMAT_VERSION; version++) upgraded = upgrades[version]!(upgraded);
  return upgraded;
}
