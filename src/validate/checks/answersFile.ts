import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnswersFileError, readAnswersFile } from '../../answers/readAnswersFile.js';
import { ANSWERS_FILE } from '../../render/render.js';
import { packageFile } from '../../utils/packageFile.js';
import type { Finding } from '../types.js';
import { failedWith, type Check, type Outcome } from './types.js';
import { lineOfPointer, parseLocated } from './yamlLocate.js';

const PRESETS = 'schemas/presets';

/** The problem `readAnswersFile` reports for a file, as a finding, or nothing when the file is good. */
async function findingFor(path: string, shownAs: string, kind: 'preset' | 'project'): Promise<Finding | undefined> {
  const label = kind === 'preset' ? 'Preset' : 'Answers file';
  try {
    await readAnswersFile(path, label, kind as 'preset');
    return undefined;
  } catch (error) {
    if (!(error instanceof AnswersFileError)) throw error;
    const prefix = `${label} ${path}`;
    const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length).replace(/^: /, '') : error.message;
    const [located] = error.pointer === undefined ? [] : parseLocated(readFileSync(path, 'utf8'));
    const line = located && !located.doc.errors.length ? lineOfPointer(located, error.pointer!) : undefined;
    return { file: shownAs, ...(line ? { line } : {}), message };
  }
}

/**
 * The answers schema against what create writes (`.scaled-api.json`) and
 * against the presets shipped beside it, through the same reader `--preset`,
 * `add` and `update` use. The presets do not change between combinations, so
 * they are read once per run.
 */
export const answersFileCheck: Check = {
  name: 'answers',
  applies: (p) => p.files.some((f) => f.path === ANSWERS_FILE),
  run: async ({ project, memo, combinationIndex }) => {
    const findings: Finding[] = [];
    const own = await findingFor(join(project.dir, ANSWERS_FILE), ANSWERS_FILE, 'project');
    if (own) findings.push(own);
    let presets = memo.get('answers-presets');
    if (!presets) {
      presets = (async (): Promise<Outcome & { by: number }> => {
        const dir = packageFile(PRESETS);
        const names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
        const found = await Promise.all(names.map((n) => findingFor(join(dir, n), `${PRESETS}/${n}`, 'preset')));
        return { ...failedWith(found.filter((f): f is Finding => f !== undefined)), by: combinationIndex };
      })();
      memo.set('answers-presets', presets);
    }
    const shared = await presets;
    // A broken preset is reported by the first combination only, not once per combination.
    if (shared.by === combinationIndex) findings.push(...shared.findings);
    return failedWith(findings);
  },
};
