import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { type Answers, defaultAnswers } from '../src/answers/types.js';
import { compileTemplate } from '../src/render/handlebars.js';
import { loadTemplates } from '../src/render/loadTemplates.js';
import { render, TemplateError } from '../src/render/render.js';
import type { TemplateFile } from '../src/render/types.js';
import { templatesDir } from './helpers.js';

const answers = (over: Partial<Answers> = {}): Answers => ({ ...defaultAnswers, name: 'my-api', pm: 'npm', ...over });
const tpl = (path: string, text: string, mode = 0o644): TemplateFile => ({
  path,
  contents: Buffer.from(text),
  mode,
  ...(path.endsWith('.hbs') ? { render: compileTemplate(text) } : {}),
});
const paths = (files: { path: string }[]) => files.map((f) => f.path);
const textOf = (files: { path: string; contents: string | Buffer }[], path: string) =>
  String(files.find((f) => f.path === path)?.contents ?? '');

describe('render engine', () => {
  it('renders .hbs files, copies others verbatim and adds .scaled-api.json', () => {
    const files = render(answers(), [tpl('README.md.hbs', '# {{name}}'), tpl('logo.bin', '{{not rendered}}', 0o755)], '1.2.3');
    expect(paths(files)).toEqual(['.scaled-api.json', 'README.md', 'logo.bin']);
    expect(textOf(files, 'README.md')).toBe('# my-api');
    expect(textOf(files, 'logo.bin')).toBe('{{not rendered}}');
    expect(files.find((f) => f.path === 'logo.bin')?.mode).toBe(0o755);
    expect(JSON.parse(textOf(files, '.scaled-api.json'))).toEqual({
      $schema: 'https://unpkg.com/create-scaled-api@1.2.3/schemas/answers.schema.json',
      version: 3,
      templateVersion: '1.2.3',
      answers: answers(),
    });
    expect(textOf(files, '.scaled-api.json')).toMatch(/^\{\n {2}"\$schema": /);
  });

  it('does not escape HTML entities in configs', () => {
    const files = render(answers({ name: "it's" as string }), [tpl('a.txt.hbs', `{{name}} & <x>`)], '0');
    expect(textOf(files, 'a.txt')).toBe("it's & <x>");
  });

  it('names the template and line of an unknown variable (strict mode)', () => {
    const run = () => render(answers(), [tpl('deploy/nginx/nginx.conf.hbs', 'a\nb\n{{noSuchVariable}}\n')], '0');
    expect(run).toThrow(TemplateError);
    expect(run).toThrow(/deploy\/nginx\/nginx\.conf\.hbs:3: .*noSuchVariable/);
  });

  it('names the template and line of a syntax error', () => {
    expect(() => render(answers(), [tpl('x.ts.hbs', 'ok\n{{#if has.redis}}\nunclosed\n')], '0')).toThrow(/x\.ts\.hbs:\d+/);
  });

  it('renames _gitignore', () => {
    expect(paths(render(answers(), [tpl('_gitignore', 'node_modules\n')], '0'))).toEqual(['.gitignore', '.scaled-api.json']);
  });

  it('refuses a template that renders to whitespace: a feature part decides which files are written', () => {
    const run = () => render(answers({ cache: 'none' }), [tpl('src/redis-client.ts.hbs', '{{#if has.redis}}redis{{/if}}\n')], '0');
    expect(run).toThrow(TemplateError);
    expect(run).toThrow(/src\/redis-client\.ts\.hbs: renders to an empty file .*src\/features\//);
  });

  it('keeps feature folders only when the feature is on', () => {
    const set = [tpl('deploy/k8s/deployment.yaml.hbs', 'replicas: {{replicas}}'), tpl('Dockerfile', 'FROM x'), tpl('.github/workflows/ci.yml', 'on: push')];
    expect(paths(render(answers(), set, '0'))).toEqual(['.github/workflows/ci.yml', '.scaled-api.json', 'Dockerfile']);
    expect(paths(render(answers({ k8s: true, docker: false, ci: 'none' }), set, '0'))).toEqual(['.scaled-api.json', 'deploy/k8s/deployment.yaml']);
  });

  it('exposes one entry per replica', () => {
    const files = render(answers({ replicas: 3 }), [tpl('n.conf.hbs', '{{#each replicaList}}server {{name}}:{{port}};\n{{/each}}')], '0');
    expect(textOf(files, 'n.conf')).toBe('server api-1:8000;\nserver api-2:8001;\nserver api-3:8002;\n');
  });

  it.each(['../escape.txt', '/etc/passwd', 'a/../../b', 'a//b', './a', 'a/.', 'a/', 'C:/x', 'a\\..\\..\\b', '..', ''])('refuses the output path "%s"', (path) => {
    expect(() => render(answers(), [tpl(path, 'x')], '0')).toThrow(/outside the project folder/);
  });

  it.each(['a', 'src/a.ts', '.github/workflows/ci.yml', 'a/...', 'x..y/z'])('accepts the output path "%s"', (path) => {
    expect(paths(render(answers(), [tpl(path, 'x')], '0'))).toContain(path);
  });

  it('refuses a template that would overwrite .scaled-api.json', () => {
    expect(() => render(answers(), [tpl('.scaled-api.json', '{}')], '0')).toThrow(/written by create-scaled-api/);
  });

  it('renders a __resource__ template once per resource, named after it', () => {
    const resources = [...defaultAnswers.resources, { name: 'line-items', fields: [{ name: 'sku', type: 'string' as const }] }];
    const set = [tpl('src/resources/__resource__/routes.ts.hbs', '{{resource.path}} {{resource.type}} {{resource.table}}'), tpl('test/__resource__.test.ts.hbs', '{{resource.key}}')];
    const files = render(answers({ resources }), set, '0');
    expect(paths(files)).toEqual([
      '.scaled-api.json',
      'src/resources/items/routes.ts',
      'src/resources/line-items/routes.ts',
      'src/resources/users/routes.ts',
      'test/items.test.ts',
      'test/line-items.test.ts',
      'test/users.test.ts',
    ]);
    expect(textOf(files, 'src/resources/line-items/routes.ts')).toBe('/line-items LineItem line_items');
    expect(textOf(files, 'test/line-items.test.ts')).toBe('lineItems');
    expect(JSON.parse(textOf(files, '.scaled-api.json')).answers.resources).toEqual(resources);
  });

  it('is pure: the same input gives the same output', () => {
    const set = [tpl('a.hbs', '{{json dependencies}}')];
    expect(render(answers(), set, '0')).toEqual(render(answers(), set, '0'));
  });
});

describe('shipped templates', async () => {
  const templates = await loadTemplates(templatesDir);
  const combos: Partial<Answers>[] = [
    {},
    { db: 'none', cache: 'none', monitoring: false, docker: false, ci: 'none', tracing: false },
    { cache: 'memory', k8s: true, replicas: 3, pm: 'pnpm' },
    { db: 'none', cache: 'redis', k8s: true, replicas: 64, pm: 'yarn' },
  ];

  it.each(combos)('render %o with no unresolved {{', (over) => {
    const files = render(answers(over), templates, '0');
    for (const f of files) {
      if (f.path.endsWith('.json')) continue;
      // Files copied as they are count too: a user cannot tell a stray `{{` from a broken template.
      const text = typeof f.contents === 'string' ? f.contents : Buffer.from(f.contents).toString('utf8');
      // GitHub Actions' `${{ expr }}` and Prometheus' `{{ $labels.x }}` are meant to stay.
      expect(text, f.path).not.toMatch(/(?<!\$)\{\{(?!\s*\$)[^}]*\}\}/);
    }
  });

  it('writes a first migration whose SQL and drizzle snapshot hold every resource', () => {
    const orders = { name: 'orders', fields: [{ name: 'customer', type: 'string' as const }, { name: 'dueAt', type: 'datetime' as const, optional: true }, { name: 'code', type: 'string' as const, unique: true }] };
    const files = render(answers({ resources: [...defaultAnswers.resources, orders] }), templates, '0');
    const sql = textOf(files, 'src/database/migrations/0000_init.sql');
    const snapshot = JSON.parse(textOf(files, 'src/database/migrations/meta/0000_snapshot.json'));
    const created = [...sql.matchAll(/CREATE TABLE "(\w+)" \(([^;]*)\);/g)].map(([, table, body]) => ({
      table,
      columns: [...body!.matchAll(/^\t"(\w+)" ([a-z ]+[a-z)0-9(]*)(.*)$/gm)].map(([, name, type, rest]) => [name, type!.trim(), /NOT NULL|PRIMARY KEY/.test(rest!)]),
    }));
    expect(created.map((t) => t.table)).toEqual(['items', 'users', 'orders']);
    for (const { table, columns } of created) {
      const described = Object.values(snapshot.tables[`public.${table}`].columns as Record<string, { name: string; type: string; notNull: boolean }>);
      expect(described.map((c) => [c.name, c.type, c.notNull]), table).toEqual(columns);
    }
    expect(sql).toContain('"due_at" timestamp with time zone,');
    expect(sql).toContain('CONSTRAINT "orders_code_unique" UNIQUE("code")');
    expect(snapshot.tables['public.orders'].uniqueConstraints).toEqual({ orders_code_unique: { name: 'orders_code_unique', nullsNotDistinct: false, columns: ['code'] } });
    expect(textOf(files, 'src/database/schema.ts')).toContain("export { ordersTable } from '../resources/orders/model.js';");
  });

  it('gives every table a bigint id whose sequence stops at 2^53 - 1, in the SQL, the snapshot and the model', () => {
    const files = render(answers(), templates, '0');
    const sql = textOf(files, 'src/database/migrations/0000_init.sql');
    const snapshot = JSON.parse(textOf(files, 'src/database/migrations/meta/0000_snapshot.json'));
    for (const table of ['items', 'users']) {
      expect(sql).toContain(`"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "${table}_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE ${Number.MAX_SAFE_INTEGER} START WITH 1 CACHE 1)`);
      expect(snapshot.tables[`public.${table}`].columns.id).toMatchObject({ type: 'bigint', identity: { maxValue: String(Number.MAX_SAFE_INTEGER) } });
    }
    expect(textOf(files, 'src/resources/items/model.ts')).toContain("id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity({ maxValue: MAX_ID }),");
  });

  it('lists by cursor: no OFFSET and no count(*) in the repositories, a Link header in the routes', () => {
    const withDb = render(answers(), templates, '0');
    const sqlRepository = textOf(withDb, 'src/resources/sql-repository.ts');
    expect(sqlRepository).toMatch(/lt\(table\.id, beforeId\)/);
    expect(sqlRepository).not.toMatch(/\.offset\(|\bcount\(\)/);
    expect(textOf(withDb, 'src/resources/items/routes.ts')).toContain("reply.header('link', nextLink('/items', limit, page.nextCursor))");
    const memory = textOf(render(answers({ db: 'none' }), templates, '0'), 'src/resources/memory-repository.ts');
    expect(memory).toContain('pageOf(');
    expect(memory).not.toMatch(/offset/);
  });

  it('default answers give the whole layout of SPEC §5', () => {
    const files = new Set(paths(render(answers(), templates, '0')));
    const expected = [
      'package.json', 'tsconfig.json', 'README.md', '.env.example', '.gitignore', '.dockerignore', '.scaled-api.json',
      'src/main.ts', 'src/app.ts', 'src/config.ts', 'src/resources/index.ts', 'src/routes/health.ts',
      'src/resources/items/model.ts', 'src/resources/items/routes.ts', 'src/resources/items/repository.ts',
      'src/resources/users/model.ts', 'src/resources/users/routes.ts', 'src/resources/users/repository.ts',
      'test/items.test.ts', 'test/users.test.ts', 'src/database/connection.ts', 'src/database/migrate.ts',
      'scripts/smoke.mjs', 'scripts/cluster/main.ts', 'scripts/loadtest/main.ts', 'loadtest.config.json', 'deploy/nginx/nginx.conf', 'Dockerfile', 'docker-compose.yml',
      'deploy/prometheus/prometheus.yml', 'deploy/prometheus/alerts.yml', '.github/workflows/ci.yml',
    ];
    for (const path of expected) expect(files, path).toContain(path);
    expect([...files].some((p) => p.startsWith('src/cache/'))).toBe(true);
    expect([...files].some((p) => p.startsWith('deploy/grafana/') && p.endsWith('.json'))).toBe(true);
    expect([...files].some((p) => p.startsWith('deploy/k8s/'))).toBe(false);
  });

  it.each([
    [{}, ['npm', 'docker', 'github-actions']],
    [{ docker: false }, ['npm', 'github-actions']],
    [{ pm: 'bun' as const }, ['bun', 'docker', 'github-actions']],
  ])('dependabot with %o watches %o weekly', (over, ecosystems) => {
    const config = parseYaml(textOf(render(answers(over), templates, '0'), '.github/dependabot.yml')) as {
      version: number;
      updates: { 'package-ecosystem': string; directory: string; schedule: { interval: string } }[];
    };
    expect(config.version).toBe(2);
    expect(config.updates.map((u) => u['package-ecosystem'])).toEqual(ecosystems);
    for (const update of config.updates) expect(update.schedule.interval).toBe('weekly');
  });

  it('optional features leave no trace when off', () => {
    const files = paths(render(answers({ db: 'none', cache: 'none', monitoring: false, docker: false, ci: 'none' }), templates, '0'));
    expect(files.filter((p) => /^(src\/database|src\/cache|deploy\/prometheus|deploy\/grafana|deploy\/k8s|\.github)\//.test(p))).toEqual([]);
    expect(files).not.toContain('Dockerfile');
    expect(files).not.toContain('docker-compose.yml');
  });

  it('--tracing loads the SDK before the app wherever the service starts', () => {
    const files = render(answers({ k8s: true }), templates, '0');
    const pkg = JSON.parse(textOf(files, 'package.json'));
    expect(pkg.scripts.start).toBe('node --import ./dist/tracing.js dist/main.js');
    expect(pkg.scripts.dev).toBe('tsx watch --import ./scripts/tracing-dev.mjs src/main.ts');
    expect(pkg.dependencies).toHaveProperty('@opentelemetry/sdk-node');
    expect(pkg.dependencies).toHaveProperty('@opentelemetry/instrumentation-pg');
    expect(textOf(files, 'Dockerfile')).toContain('CMD ["--import", "./dist/tracing.js", "dist/main.js"]');
    expect(textOf(files, 'deploy/k8s/deployment.yaml')).toContain('args: ["--import", "./dist/tracing.js", "dist/main.js"]');
    expect(textOf(files, 'deploy/k8s/configmap.yaml')).toMatch(/^ {2}OTEL_EXPORTER_OTLP_ENDPOINT: /m);
    expect(textOf(files, 'scripts/cluster/supervisor.ts')).toContain("execArgv: ['--import', './dist/tracing.js']");
    expect(textOf(files, 'deploy/nginx/nginx.conf')).toContain('proxy_set_header traceparent $http_traceparent;');
    const compose = textOf(files, 'docker-compose.yml');
    expect(compose).toMatch(/^ {2}otel-collector:$/m);
    expect(compose).toMatch(/^ {2}jaeger:$/m);
    expect(compose).toContain('./deploy/otel-collector/config.yaml:');
    expect(paths(files)).toContain('deploy/grafana/provisioning/datasources/jaeger.yml');
    const dashboard = JSON.parse(textOf(files, 'deploy/grafana/dashboards/api.json')) as { panels: { title: string; links?: { url: string }[] }[] };
    const latency = dashboard.panels.find((p) => p.title === 'p99 latency');
    expect(decodeURIComponent(latency?.links?.[0]?.url ?? '')).toContain('"service":"my-api"');
  });

  it('--no-tracing leaves no trace of OpenTelemetry', () => {
    const files = render(answers({ tracing: false, k8s: true }), templates, '0');
    expect(paths(files).filter((p) => /tracing|otel|jaeger/.test(p))).toEqual([]);
    // The one lockfile covers every combination's packages.
    const mentions = files.filter((f) => !['.scaled-api.json', 'package-lock.json'].includes(f.path) && /opentelemetry|OTEL_|jaeger|traceparent|tracing\.js/i.test(String(f.contents)));
    expect(paths(mentions)).toEqual([]);
    expect(JSON.parse(textOf(files, 'package.json')).scripts.start).toBe('node dist/main.js');
  });

  it('ships a lockfile for npm only, whose root matches the package name', () => {
    const npm = render(answers({ name: 'lock-me' }), templates, '0');
    const lock = JSON.parse(textOf(npm, 'package-lock.json'));
    expect(lock.name).toBe('lock-me');
    expect(lock.packages[''].name).toBe('lock-me');
    for (const pm of ['pnpm', 'yarn', 'bun'] as const) expect(paths(render(answers({ pm }), templates, '0'))).not.toContain('package-lock.json');
  });

  it.each([1, 2, 3, 7])('--replicas %i gives that many upstream servers', (replicas) => {
    const conf = textOf(render(answers({ replicas }), templates, '0'), 'deploy/nginx/nginx.conf');
    expect(conf.split('\n').filter((l) => /^\s*server\s+[^ ;]+:[0-9]+/.test(l))).toHaveLength(replicas);
  });

  it('the generated package.json is valid JSON with the promised scripts and pinned versions', () => {
    for (const over of combos) {
      const pkg = JSON.parse(textOf(render(answers(over), templates, '0'), 'package.json'));
      expect(pkg.name).toBe(answers(over).name);
      for (const s of ['dev', 'build', 'start', 'test', 'smoke', 'cluster', 'loadtest', 'lint']) expect(pkg.scripts, s).toHaveProperty(s);
      if (answers(over).db !== 'none') expect(pkg.scripts).toHaveProperty('migrate');
      for (const v of Object.values({ ...pkg.dependencies, ...pkg.devDependencies })) expect(v).toMatch(/^\d+\.\d+\.\d+/);
    }
  });
});

describe('rendered files', () => {
  it('end no line in spaces or tabs, in any combination of the pairwise matrix', async () => {
    const { buildMatrix } = await import('../src/validate/matrix.js');
    const templates = await loadTemplates(templatesDir);
    const offending: string[] = [];
    for (const { answers: combination, label } of buildMatrix('pairwise')) {
      for (const file of render(combination, templates, '1.2.3')) {
        const text = String(file.contents);
        if (text.includes('\u0000')) continue;
        text.split('\n').forEach((line, i) => {
          if (/[ \t]\r?$/.test(line)) offending.push(`${file.path}:${i + 1} (${label})`);
        });
      }
    }
    expect([...new Set(offending)]).toEqual([]);
  });
});
