import type { Answers } from '../answers/types.js';
import type { PackageName } from './versions.js';

/**
 * An optional part of the generated project: the template paths it owns
 * (a trailing "/" owns a whole folder) and the packages it adds. Adding a
 * feature is one file here plus one line in index.ts.
 */
export interface Feature {
  id: string;
  enabled: (answers: Answers) => boolean;
  files: readonly string[];
  dependencies: readonly PackageName[];
  devDependencies: readonly PackageName[];
}
