// Builders for the two common kinds of answer, so a feature module states
// only what is particular to it.
import type { Answers } from '../answers/types.js';
import type { AnswerKey, AnswerPrompt, AnswerSpec } from './types.js';

type KeyOf<V> = { [K in AnswerKey]: Answers[K] extends V ? K : never }[AnswerKey];

/**
 * An answer that is on or off: `--<key>`, with `--no-<key>` when `negation`
 * is given; one line of the Extras prompt.
 */
export function toggle<K extends KeyOf<boolean>>(spec: {
  key: K;
  default: boolean;
  flag: string;
  negation?: string;
  schema: string;
  prompt: { label: string; hint: string };
}): AnswerSpec<K> {
  const prompt: AnswerPrompt<boolean> = { kind: 'extra', ...spec.prompt, on: spec.default, value: (ticked) => ticked, listed: (on) => on && spec.key };
  return {
    key: spec.key,
    flag: { long: spec.key, description: spec.flag, ...(spec.negation ? { negation: spec.negation } : {}) },
    schema: { type: 'boolean', default: spec.default, description: spec.schema },
    default: spec.default as Answers[K],
    values: [spec.default, !spec.default] as Answers[K][],
    label: (on) => (on ? spec.key : `no-${spec.key}`),
    prompt: prompt as AnswerPrompt<Answers[K]>,
  };
}

/** An answer that is one of `choices`: `--<key> <value>`; validate tries every choice. */
export function choice<K extends KeyOf<string>>(spec: {
  key: K;
  choices: readonly Answers[K][];
  default?: Answers[K];
  flag: string;
  schema: string;
  prompt: AnswerPrompt<Answers[K]>;
}): AnswerSpec<K> {
  return {
    key: spec.key,
    flag: { long: spec.key, value: `<${spec.key}>`, description: spec.flag, choices: spec.choices as readonly string[] },
    schema: { type: 'string', enum: [...spec.choices], ...(spec.default === undefined ? {} : { default: spec.default }), description: spec.schema },
    ...(spec.default === undefined ? {} : { default: spec.default }),
    values: spec.choices,
    label: (value) => `${spec.key}=${String(value)}`,
    prompt: spec.prompt,
  };
}
