import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { templatesDir } from './helpers.js';
import { type Answers, defaultAnswers } from '../src/answers/types.js';
import { dependenciesFor, isPathEnabled, ownersOf, parts } from '../src/features/index.js';
import { buildContext } from '../src/render/context.js';
import { loadTemplates } from '../src/render/loadTemplates.js';
import { dimensions, fullProduct } from '../src/validate/matrix.js';
import { versions } from '../src/features/versions.js';

const answers = (over: Partial<Answers> = {}): Answers => ({ ...defaultAnswers, name: 'x', pm: 'npm', ...over });

describe('features', () => {
  it('every pinned version is used by some feature, and pinned exactly', () => {
    const used = new Set(parts.flatMap((p) => [...(p.dependencies ?? []), ...(p.devDependencies ?? [])]));
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
    ['.github/workflows/template-update.yml', {}, true],
    ['.github/workflows/template-update.yml', { ci: 'none' as const }, false],
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
    const lock = JSON.parse(text.replaceAll('{{name}}', 'x'));
    const root = lock.packages[''];
    for (const [name, version] of Object.entries(versions)) {
      expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(version);
      expect({ ...root.dependencies, ...root.devDependencies }[name], name).toBe(version);
    }
  });
});

// Which files a project has is decided in one place, the parts of
// src/features/; a template never wraps itself whole in {{#if}}.
describe('feature parts own the files that only some projects have', async () => {
  const templates = await loadTemplates(templatesDir);
  const outputOf = (path: string) => path.replace(/\.hbs$/, '').replace(/(^|\/)_gitignore$/, '$1.gitignore').replace(/(^|\/)_npmrc$/, '$1.npmrc').replaceAll('__resource__', 'items');

  it('no template is one {{#if}} or {{#unless}} block without an {{else}}, from its first line to its last', () => {
    const wrapped = templates.filter((t) => {
      if (!t.render) return false;
      const body = Handlebars.parse(t.contents.toString('utf8')).body.filter((node) => !(node.type === 'ContentStatement' && (node as hbs.AST.ContentStatement).value.trim() === ''));
      const [only] = body;
      if (body.length !== 1 || only!.type !== 'BlockStatement') return false;
      const block = only as hbs.AST.BlockStatement;
      return ['if', 'unless'].includes((block.path as hbs.AST.PathExpression).original) && !block.inverse;
    });
    expect(wrapped.map((t) => t.path)).toEqual([]);
  });

  it('every template renders to a non-empty file in every combination that writes it', () => {
    const { resources: _resources, ...answerDimensions } = dimensions;
    for (const row of fullProduct(answerDimensions)) {
      const a = { ...answers(), ...row } as Answers;
      const context = buildContext(a, '0');
      for (const t of templates) {
        if (!t.render || !isPathEnabled(outputOf(t.path), a)) continue;
        const text = t.render(t.path.includes('__resource__') ? { ...context, resource: context.resources[0] } : context);
        if (text.trim() === '') expect.fail(`${t.path} renders to nothing with ${JSON.stringify(row)}`);
      }
    }
  });

  it('every path a part names is a template, and no two parts name the same path', () => {
    const outputs = templates.map((t) => outputOf(t.path));
    const named = parts.flatMap((p) => p.files ?? []);
    expect(named.filter((f) => !outputs.some((o) => (f.endsWith('/') ? o.startsWith(f) : o === f)))).toEqual([]);
    expect(named.filter((f, i) => named.indexOf(f) !== i)).toEqual([]);
    expect(parts.map((p) => p.name).filter((n, i, all) => all.indexOf(n) !== i)).toEqual([]);
  });

  it('each file that only some projects have has exactly the owners it should', () => {
    const owned = Object.fromEntries(templates.map((t) => [outputOf(t.path), ownersOf(outputOf(t.path)).map((p) => p.name).join('+')]).filter(([, owners]) => owners !== ''));
    expect(owned).toEqual({
      '.dockerignore': 'docker',
      '.github/dependabot.yml': 'githubCi',
      '.github/loadtest.ci.json': 'githubCi',
      '.github/workflows/ci.yml': 'githubCi',
      '.github/workflows/template-update.yml': 'githubCi',
      '.yarnrc.yml': 'yarnConfig',
      Dockerfile: 'docker',
      'deploy/grafana/dashboards/api.json': 'monitoring',
      'deploy/grafana/provisioning/dashboards/dashboards.yml': 'monitoring',
      'deploy/grafana/provisioning/datasources/jaeger.yml': 'monitoring+tracingCompose',
      'deploy/grafana/provisioning/datasources/prometheus.yml': 'monitoring',
      'deploy/k8s/configmap.yaml': 'k8s',
      'deploy/k8s/deployment.yaml': 'k8s',
      'deploy/k8s/hpa.yaml': 'k8s',
      'deploy/k8s/ingress.yaml': 'k8s',
      'deploy/k8s/kustomization.yaml': 'k8s',
      'deploy/k8s/migrate-job.yaml': 'k8s+k8sMigrations',
      'deploy/k8s/pdb.yaml': 'k8s',
      'deploy/k8s/secret.example.yaml': 'k8s+k8sSecret',
      'deploy/k8s/service.yaml': 'k8s',
      'deploy/otel-collector/config.yaml': 'tracingCompose',
      'deploy/prometheus/alerts.yml': 'monitoring',
      'deploy/prometheus/prometheus.yml': 'monitoring',
      'docker-compose.yml': 'docker',
      'drizzle.config.ts': 'database',
      'package-lock.json': 'npmLockfile',
      'scripts/cluster/database.ts': 'database',
      'scripts/cluster/pgliteServer.ts': 'database',
      'scripts/tracing-dev.mjs': 'tracing',
      'src/cache/cache-aside.ts': 'cache',
      'src/cache/memory.ts': 'cache',
      'src/cache/plugin.ts': 'cache',
      'src/cache/redis.ts': 'cache+redis',
      'src/cache/store.ts': 'cache',
      'src/database/connection.ts': 'database',
      'src/database/migrate.ts': 'database',
      'src/database/migrations/0000_init.sql': 'database',
      'src/database/migrations/meta/0000_snapshot.json': 'database',
      'src/database/migrations/meta/_journal.json': 'database',
      'src/database/pglite-worker.mjs': 'database',
      'src/database/pglite.ts': 'database',
      'src/database/schema.ts': 'database',
      'src/resources/memory-repository.ts': 'memoryStore',
      'src/resources/sql-repository.ts': 'database',
      'src/auth/access.ts': 'auth',
      'src/auth/accounts.ts': 'auth',
      'src/auth/model.ts': 'auth',
      'src/auth/passwords.ts': 'auth',
      'src/auth/plugin.ts': 'auth',
      'src/auth/rate-limit-key.ts': 'auth',
      'src/auth/routes.ts': 'auth',
      'src/tracing.ts': 'tracing',
      'src/tracing/sdk.ts': 'tracing',
      'src/tracing/shutdown.ts': 'tracing',
      'test/cache.test.ts': 'cache',
      'test/cluster-pglite.test.ts': 'database',
      'test/access.test.ts': 'auth',
      'test/auth.test.ts': 'auth',
      'test/passwords.test.ts': 'auth',
      'test/tracing-setup.ts': 'tracing',
      'test/tracing.test.ts': 'tracing',
    });
  });
});
