import type { Answers } from '../answers/types.js';
import { auth } from './auth.js';
import { cache } from './cache.js';
import { core } from './core.js';
import { database } from './database.js';
import { docker } from './docker.js';
import { githubCi } from './githubCi.js';
import { kubernetes } from './kubernetes.js';
import { monitoring } from './monitoring.js';
import { packageManager } from './packageManager.js';
import { replicas } from './replicas.js';
import { tracing } from './tracing.js';
import type { AnswerSpec, Feature, Part } from './types.js';
import { versions, type PackageName } from './versions.js';

/**
 * Every feature, in the order their answers appear: in --help, the prompts,
 * the schema of answers files and `.scaled-api.json`.
 */
export const features: readonly Feature[] = [core, database, cache, replicas, auth, monitoring, docker, kubernetes, tracing, githubCi, packageManager];

export const answerSpecs: readonly AnswerSpec[] = features.flatMap((f) => (f.answer ? [f.answer] : []));
export const parts: readonly Part[] = features.flatMap((f) => f.parts);

/** The answers that have a default, each with it. */
export function featureDefaults(): Partial<Answers> {
  return Object.fromEntries(answerSpecs.flatMap((a) => (a.default === undefined ? [] : [[a.key, a.default]])));
}

function owns(part: Part, path: string): boolean {
  return (part.files ?? []).some((f) => (f.endsWith('/') ? path.startsWith(f) : path === f));
}

/** The parts that own a generated path; it is written when all of them are on. */
export function ownersOf(path: string): Part[] {
  return parts.filter((p) => owns(p, path));
}

/** A generated path is written unless it belongs to a part that is off. */
export function isPathEnabled(path: string, answers: Answers): boolean {
  return parts.every((p) => !owns(p, path) || p.when(answers));
}

function pinned(names: Iterable<PackageName>): Record<string, string> {
  return Object.fromEntries([...new Set(names)].sort().map((name) => [name, versions[name]]));
}

export function dependenciesFor(answers: Answers): {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
} {
  const on = parts.filter((p) => p.when(answers));
  return {
    dependencies: pinned(on.flatMap((p) => p.dependencies ?? [])),
    devDependencies: pinned(on.flatMap((p) => p.devDependencies ?? [])),
  };
}

/** What the features add to the templates' context: `has.<part>` and each feature's own variables. */
export function featureContext(answers: Answers): { has: Record<string, boolean> } & Record<string, unknown> {
  const has = Object.fromEntries(parts.map((p) => [p.name, p.when(answers)]));
  return Object.assign({}, ...features.map((f) => f.context?.(answers) ?? {}), { has });
}
