import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { templatesDir } from './helpers.js';
import { type Answers, defaultAnswers } from '../src/answers/types.js';
import { dependenciesFor, features, isPathEnabled } from '../src/features/index.js';
import { versions } from '../src/features/versions.js';

const answers = (over: Partial<Answers> = {}): Answers => ({ ...defaultAnswers, name: 'x', pm: 'npm', ...over });

describe('features', () => {
  it('every pinned version is used by some feature, and pinned exactly', () => {
    const used = new Set(features.flatMap((f) => [...f.dependencies, ...f.devDependencies]));
    expect(Object.keys(versions).filter((name) => !used.has(name as keyof typeof versions))).toEqual([]);
    for (const v of Object.values(versions)) expect(v).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('adds packages only for the features that are on', () => {
    const all = dependenciesFor(answers());
    expect(all.dependencies).toHaveProperty('ioredis');
    expect(all.dependencies).toHaveProperty('drizzle-orm');
    const lean = dependenciesFor(answers({ db: 'none', cache: 'memory' }));
    expect(lean.dependencies).not.toHaveProperty('ioredis');
    expect(lean.dependencies).not.toHaveProperty('pg');
    expect(lean.devDependencies).not.toHaveProperty('drizzle-kit');
    expect(lean.dependencies).toHaveProperty('fastify', versions.fastify);
  });

  it('tracing adds the pg and ioredis instrumentations only beside pg and ioredis', () => {
    expect(dependenciesFor(answers()).dependencies).toMatchObject({ '@opentelemetry/instrumentation-pg': versions['@opentelemetry/instrumentation-pg'], '@opentelemetry/instrumentation-ioredis': versions['@opentelemetry/instrumentation-ioredis'] });
    const lean = dependenciesFor(answers({ db: 'none', cache: 'memory' })).dependencies;
    expect(lean).toHaveProperty('@opentelemetry/sdk-node');
    expect(Object.keys(lean).filter((d) => /instrumentation-(pg|ioredis)/.test(d))).toEqual([]);
    expect(Object.keys(dependenciesFor(answers({ tracing: false })).dependencies).filter((d) => d.includes('opentelemetry'))).toEqual([]);
  });

  it('a package is never both a dependency and a devDependency', () => {
    const { dependencies, devDependencies } = dependenciesFor(answers({ k8s: true }));
    expect(Object.keys(dependencies).filter((d) => d in devDependencies)).toEqual([]);
  });

  it.each([
    ['deploy/k8s/deployment.yaml', { k8s: false }, false],
    ['deploy/k8s/deployment.yaml', { k8s: true }, true],
    ['src/cache/store.ts', { cache: 'none' as const }, false],
    ['src/cache/store.ts', { cache: 'memory' as const }, true],
    ['Dockerfile', { docker: false }, false],
    ['deploy/nginx/nginx.conf', { docker: false, monitoring: false }, true],
    ['.github/workflows/ci.yml', { ci: 'none' as const }, false],
    ['.github/dependabot.yml', {}, true],
    ['.github/dependabot.yml', { ci: 'none' as const }, false],
    ['src/tracing.ts', {}, true],
    ['src/tracing/sdk.ts', { tracing: false }, false],
    ['deploy/otel-collector/config.yaml', {}, true],
    ['deploy/otel-collector/config.yaml', { docker: false }, false],
    ['deploy/grafana/provisioning/datasources/jaeger.yml', { tracing: false }, false],
  ])('%s with %o is written: %s', (path, over, expected) => {
    expect(isPathEnabled(path, answers(over))).toBe(expected);
  });

  it('the shipped lockfile pins every package at the version of versions.ts (else run npm run lockfile)', () => {
    const text = readFileSync(join(templatesDir, 'package-lock.json.hbs'), 'utf8');
    const lock = JSON.parse(text.replace(/^\{\{#if[^\n]*\n/, '').replace(/\{\{\/if\}\}\s*$/, '').replaceAll('{{name}}', 'x'));
    const root = lock.packages[''];
    for (const [name, version] of Object.entries(versions)) {
      expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(version);
      expect({ ...root.dependencies, ...root.devDependencies }[name], name).toBe(version);
    }
  });
});
