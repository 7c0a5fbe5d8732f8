import type { Answers } from '../answers/types.js';
import { cache } from './cache.js';
import { core } from './core.js';
import { database } from './database.js';
import { docker } from './docker.js';
import { githubCi } from './githubCi.js';
import { kubernetes } from './kubernetes.js';
import { monitoring } from './monitoring.js';
import { redis } from './redis.js';
import { tracing, tracingCompose, tracingDatabase, tracingRedis } from './tracing.js';
import type { Feature } from './types.js';
import { versions, type PackageName } from './versions.js';

export const features: readonly Feature[] = [core, database, cache, redis, monitoring, docker, kubernetes, githubCi, tracing, tracingCompose, tracingDatabase, tracingRedis];

function owns(feature: Feature, path: string): boolean {
  return feature.files.some((f) => (f.endsWith('/') ? path.startsWith(f) : path === f));
}

/** A generated path is written unless it belongs to a feature that is off. */
export function isPathEnabled(path: string, answers: Answers): boolean {
  return features.every((f) => !owns(f, path) || f.enabled(answers));
}

function pinned(names: Iterable<PackageName>): Record<string, string> {
  return Object.fromEntries([...new Set(names)].sort().map((name) => [name, versions[name]]));
}

export function dependenciesFor(answers: Answers): {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
} {
  const on = features.filter((f) => f.enabled(answers));
  return {
    dependencies: pinned(on.flatMap((f) => f.dependencies)),
    devDependencies: pinned(on.flatMap((f) => f.devDependencies)),
  };
}
