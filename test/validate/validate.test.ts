import { appendFile, cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { findTool } from '../../src/validate/tools.js';
import { runCli, templatesDir, useTempDir } from '../helpers.js';

const hasNginx = findTool('nginx') !== undefined;
const tempDir = useTempDir('csa-validate-test-');

/** A copy of the shipped templates to break on purpose. */
async function templatesCopy(): Promise<string> {
  const dir = join(await tempDir(), 'templates');
  await cp(templatesDir, dir, { recursive: true });
  return dir;
}

const validate = (args: string[]) => runCli(['validate', '--matrix', 'default', ...args]);
const text = (value: unknown) => (typeof value === 'string' ? value : '');

// The first validate run may install the generated dependencies into the
// shared cache (tens of seconds); every later run reuses it.
describe('create-scaled-api validate', { timeout: 300_000 }, () => {
  it('passes on the shipped templates, with a parseable --json and a well-formed --junit report', async () => {
    const junit = join(await tempDir(), 'report.xml');
    const r = await validate(['--json', '--junit', junit]);
    const report = JSON.parse(text(r.stdout)) as {
      result: string;
      summary: { combinations: number; checks: number; passed: number; failed: number; skipped: number; line: string };
      checks: { name: string; status: string }[];
      failures: { file?: string; message: string }[];
      timings: Record<string, number>;
    };
    expect(report.summary.combinations).toBe(1);
    expect(report.summary.line).toMatch(/^1 combination, \d+ checks: /);
    expect(report.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['render', 'json', 'yaml', 'typescript', 'compose', 'metrics', 'answers']));
    expect(report.summary.passed + report.summary.failed + report.summary.skipped).toBe(report.summary.checks);
    expect(report.timings.total).toBeGreaterThan(0);

    const xml = await readFile(junit, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as {
      testsuites: { tests: string; failures: string; skipped: string; testsuite: { testcase: unknown[] | object } };
    };
    expect(Number(parsed.testsuites.tests)).toBe(report.summary.checks);
    expect(Number(parsed.testsuites.failures)).toBe(report.summary.failed);
    expect(Number(parsed.testsuites.skipped)).toBe(report.summary.skipped);
    const cases = parsed.testsuites.testsuite.testcase;
    expect(Array.isArray(cases) ? cases.length : 1).toBe(report.summary.checks);

    // Last: the shipped templates must pass (the report above says why if not).
    expect(report.failures, JSON.stringify(report.failures, null, 2)).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  it('fails on an unknown variable, naming the template and line', async () => {
    const dir = await templatesCopy();
    await appendFile(join(dir, 'deploy/nginx/nginx.conf.hbs'), '\n# {{ noSuchVariable }}\n');
    const r = await validate(['--template', dir]);
    expect(r.exitCode).toBe(1);
    expect(text(r.stdout)).toMatch(/render: deploy\/nginx\/nginx\.conf:\d+ \(template deploy\/nginx\/nginx\.conf\.hbs\): "noSuchVariable" not defined/);
    expect(text(r.stdout)).toMatch(/1 combination, 1 check: 0 passed, 1 failed/);
  });

  // One copy broken in four files at once keeps this to one type-check; each
  // break must be reported by its own check, naming its own file.
  it('fails on a type error, broken YAML, an invalid nginx directive and a dashboard query for an unknown metric', async () => {
    const dir = await templatesCopy();
    await appendFile(join(dir, 'src/resources/__resource__/routes.ts.hbs'), '\nexport const brokenOnPurpose: number = "not a number";\n');
    await appendFile(join(dir, 'deploy/prometheus/alerts.yml.hbs'), '\n  - name: [unclosed\n');
    const nginx = join(dir, 'deploy/nginx/nginx.conf.hbs');
    await writeFile(nginx, (await readFile(nginx, 'utf8')).replace('proxy_pass ', 'proxy_passs '));
    const compose = join(dir, 'docker-compose.yml.hbs');
    await writeFile(compose, (await readFile(compose, 'utf8')).replace('\nservices:\n', '\nservices: \n'));
    const dashboard = join(dir, 'deploy/grafana/dashboards/api.json.hbs');
    const source = await readFile(dashboard, 'utf8');
    expect(source).toContain('http_request_duration_seconds_count');
    await writeFile(dashboard, source.replace('http_request_duration_seconds_count', 'http_requests_that_do_not_exist_total'));

    const r = await validate(['--template', dir, '--json']);
    expect(r.exitCode).toBe(1);
    const { failures } = JSON.parse(text(r.stdout)) as { failures: { check: string; file?: string; template?: string; line?: number; message: string }[] };
    const failed = (check: string) => failures.filter((f) => f.check === check);

    expect(failed('typescript')).toContainEqual(
      expect.objectContaining({ file: 'src/resources/items/routes.ts', template: 'src/resources/__resource__/routes.ts.hbs', line: expect.any(Number) as number }),
    );
    expect(failed('yaml')).toContainEqual(expect.objectContaining({ file: 'deploy/prometheus/alerts.yml', template: 'deploy/prometheus/alerts.yml.hbs' }));
    expect(failed('yaml')).toContainEqual(
      expect.objectContaining({ file: 'docker-compose.yml', template: 'docker-compose.yml.hbs', line: expect.any(Number) as number, message: 'trailing spaces (trailing-spaces)' }),
    );
    expect(failed('metrics')).toContainEqual(
      expect.objectContaining({ file: 'deploy/grafana/dashboards/api.json', message: expect.stringContaining('http_requests_that_do_not_exist_total') as string }),
    );
    if (hasNginx) {
      expect(failed('nginx')).toContainEqual(
        expect.objectContaining({ file: 'deploy/nginx/nginx.conf', line: expect.any(Number) as number, message: expect.stringContaining('proxy_passs') as string }),
      );
    }
  });

  it.skipIf(!hasNginx)('fails on an invalid nginx directive alone, in the table output', async () => {
    const dir = await templatesCopy();
    const nginx = join(dir, 'deploy/nginx/nginx.conf.hbs');
    await writeFile(nginx, (await readFile(nginx, 'utf8')).replace('proxy_pass ', 'proxy_passs '));
    const r = await validate(['--template', dir]);
    expect(r.exitCode).toBe(1);
    expect(text(r.stdout)).toMatch(/nginx: deploy\/nginx\/nginx\.conf:\d+ \(template deploy\/nginx\/nginx\.conf\.hbs\): \[emerg\] unknown directive "proxy_passs"/);
  });

  it('exits 2 for a templates folder that does not exist', async () => {
    const r = await validate(['--template', join(await tempDir(), 'missing')]);
    expect(r.exitCode).toBe(2);
    expect(text(r.stderr)).toContain('does not exist');
  });
});
