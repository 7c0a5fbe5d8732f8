import { basename, resolve } from 'node:path';
import * as p from '@clack/prompts';
import { CancelledError } from '../errors.js';
import { answerSpecs } from '../features/index.js';
import type { Answers } from './types.js';
import { whyInvalidName } from './validateName.js';

function answered<T>(value: T): Exclude<T, symbol> {
  if (p.isCancel(value) || typeof value === 'symbol') {
    p.cancel('Cancelled');
    throw new CancelledError();
  }
  return value as Exclude<T, symbol>;
}

export function introduce(version: string): void {
  p.intro(`create-scaled-api ${version}`);
}

export async function askDirectory(nameGiven: boolean): Promise<string> {
  return answered(
    await p.text({
      message: 'Where should the project go?',
      placeholder: 'my-api',
      defaultValue: 'my-api',
      validate: (value) => {
        const dir = value?.trim() || 'my-api';
        if (nameGiven) return undefined;
        const problem = whyInvalidName(basename(resolve(dir)));
        return problem ? `The folder name is used as package name, and ${problem}.` : undefined;
      },
    }),
  ).trim() || 'my-api';
}

/** Asks for every answer the flags and the preset left open, in the features' order; returns only those. */
export async function askOpenAnswers(decided: Partial<Answers>, detected: Partial<Answers>): Promise<Partial<Answers>> {
  const asked: Record<string, unknown> = {};
  const open = answerSpecs.filter((a) => decided[a.key] === undefined);
  // The extras are one multiselect, asked where the first of them is listed.
  const extras = open.flatMap((a) => (a.prompt.kind === 'extra' ? [{ key: a.key, prompt: a.prompt }] : []));
  for (const answer of open) {
    const { prompt } = answer;
    const initial = detected[answer.key] ?? answer.default;
    if (prompt.kind === 'select') {
      asked[answer.key] = answered(await p.select({ message: prompt.message, initialValue: initial, options: prompt.options.map((o) => ({ ...o })) }));
    } else if (prompt.kind === 'text') {
      const text = answered(await p.text({ message: prompt.message, placeholder: prompt.placeholder, defaultValue: prompt.placeholder, validate: (value) => prompt.problem(value ?? '') }));
      asked[answer.key] = prompt.parse(text);
    } else if (answer.key === extras[0]?.key) {
      const chosen = answered(
        await p.multiselect({
          message: 'Extras (space to toggle, enter to accept)',
          required: false,
          options: extras.map((e) => ({ value: e.key, label: e.prompt.label, hint: e.prompt.hint })),
          initialValues: extras.filter((e) => e.prompt.on).map((e) => e.key),
        }),
      );
      for (const e of extras) asked[e.key] = e.prompt.value(chosen.includes(e.key));
    }
  }
  return asked as Partial<Answers>;
}

export async function confirmSummary(directory: string, answers: Answers, steps: string[]): Promise<void> {
  const firstExtra = answerSpecs.find((a) => a.prompt.kind === 'extra');
  const lines = [
    `folder      ${directory}`,
    `package     ${answers.name}`,
    ...answerSpecs.flatMap(({ key, prompt }) =>
      prompt.kind !== 'extra' ? [`${prompt.summary.padEnd(12)}${String(answers[key])}`] : key === firstExtra?.key ? [`extras      ${extrasOf(answers) || 'none'}`] : [],
    ),
    `then        ${steps.join(', ') || 'nothing'}`,
  ];
  p.note(lines.join('\n'), 'Summary');
  const ok = answered(await p.confirm({ message: 'Create the project?', initialValue: true }));
  if (!ok) {
    p.cancel('Cancelled');
    throw new CancelledError();
  }
}

export function extrasOf(answers: Answers): string {
  return answerSpecs
    .flatMap((a) => (a.prompt.kind === 'extra' ? [a.prompt.listed(answers[a.key])] : []))
    .filter(Boolean)
    .join(', ');
}
