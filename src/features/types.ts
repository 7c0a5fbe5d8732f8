import type { Answers } from '../answers/types.js';
import type { OptionSpec } from '../cli/options.js';
import type { PackageName } from './versions.js';

/** Answers that a feature asks for; `name` and `resources` belong to the project itself. */
export type AnswerKey = Exclude<keyof Answers, 'name' | 'resources'>;

export type JsonSchema = { [keyword: string]: unknown };

/**
 * How the interactive run asks for an answer:
 * - `select`: one of a list;
 * - `text`: typed, checked by `problem` and turned into the value by `parse`;
 * - `extra`: a line of the "Extras" multiselect, ticked or not.
 * `summary` is the word before the value in the summary; an extra is listed
 * under "extras" as the text `listed` gives (nothing when it is off).
 */
export type AnswerPrompt<V> =
  | { kind: 'select'; message: string; summary: string; options: readonly { value: V; label: string; hint?: string }[] }
  | { kind: 'text'; message: string; summary: string; placeholder: string; problem: (text: string) => string | undefined; parse: (text: string) => V }
  | { kind: 'extra'; label: string; hint: string; on: boolean; value: (ticked: boolean) => V; listed(value: V): string | false };

/** Everything about one answer: its flag, schema, default, prompt and the values `validate` tries. */
export interface AnswerSpec<K extends AnswerKey = AnswerKey> {
  key: K;
  /** The option of the create command; its `long` is the key. */
  flag: OptionSpec;
  /** Its property in the JSON Schema of answers files. */
  schema: JsonSchema;
  /** Taken when nothing decides it; absent when the run detects it (the package manager). */
  default?: Answers[K];
  /** What `validate --matrix` tries. */
  values: readonly Answers[K][];
  /** Its part of a combination's label in validate's report (`db=none`, `no-docker`). */
  label(value: Answers[K]): string;
  prompt: AnswerPrompt<Answers[K]>;
}

/**
 * A piece of the generated project that is there or not, as a whole: the
 * template paths it owns (a trailing "/" owns a whole folder) and the packages
 * it adds. A path owned by several parts is written only when all of them
 * are on. Templates see each part as `has.<name>`.
 */
export interface Part {
  name: string;
  when: (answers: Answers) => boolean;
  files?: readonly string[];
  dependencies?: readonly PackageName[];
  devDependencies?: readonly PackageName[];
}

/**
 * One feature of the generated project, all in one module of src/features/:
 * the answer that switches it (if it has one of its own), the parts it
 * writes, and any variables it adds to the templates' context.
 */
export interface Feature {
  id: string;
  answer?: AnswerSpec;
  parts: readonly Part[];
  context?: (answers: Answers) => Record<string, unknown>;
}
