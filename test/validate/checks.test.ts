import { describe, expect, it } from 'vitest';
import { interpolate } from '../../src/validate/checks/compose.js';
import { exportedMetrics, metricNamesIn } from '../../src/validate/checks/metrics.js';
import { prepareForTest } from '../../src/validate/checks/nginx.js';
import { collectorProblems, isCollectorConfig } from '../../src/validate/checks/otelCollector.js';
import { stripJsonComments } from '../../src/validate/checks/parseFiles.js';
import { lintYaml } from '../../src/validate/checks/yamlLint.js';
import { junitReport, summaryLine, xmlEscape } from '../../src/validate/report.js';
import type { CombinationResult } from '../../src/validate/types.js';

describe('PromQL metric names', () => {
  it('finds the selected metrics, not functions, labels, strings or Grafana variables', () => {
    expect(
      metricNamesIn('histogram_quantile(0.95, sum by (le, route) (rate(http_request_duration_seconds_bucket{route!~"/metrics|/health/.*"}[$__rate_interval])))'),
    ).toEqual(['http_request_duration_seconds_bucket']);
    expect(metricNamesIn('sum(rate(cache_hits_total[5m])) / (sum(rate(cache_hits_total[5m])) + sum(rate(cache_misses_total[5m]))) offset 1h')).toEqual([
      'cache_hits_total',
      'cache_misses_total',
    ]);
    expect(metricNamesIn('sum(up{job="api"}) == 0 or absent(up{job="api"})')).toEqual(['up']);
    expect(metricNamesIn('max without (instance) (process_resident_memory_bytes) > 1e9 and on (job) app_ready == bool 1')).toEqual([
      'process_resident_memory_bytes',
      'app_ready',
    ]);
  });
});

describe('exported metric names', () => {
  it('counts prom-client constructors and project classes named after a metric type', async () => {
    const source = [
      "import { Counter, Registry } from 'prom-client';",
      "const hits = new Counter({ name: 'cache_hits_total', help: 'hits' });",
      "const duration = new DurationHistogram({ name: 'http_request_duration_seconds', help: 'h', buckets: [1] });",
      "const other = new Something({ name: 'not_a_metric' });",
    ].join('\n');
    const project = { dir: '/nowhere', sources: new Map(), files: [{ path: 'src/plugins/metrics.ts', contents: source, mode: 0o644 }] };
    const names = await exportedMetrics(project);
    expect(names).toContain('cache_hits_total');
    expect(names).toContain('http_request_duration_seconds_bucket');
    expect(names).toContain('http_request_duration_seconds_count');
    expect(names).not.toContain('not_a_metric');
  });
});

describe('nginx config for nginx -t', () => {
  it('points upstream hosts at 127.0.0.1 and paths into the prefix, keeping line numbers', () => {
    const conf = 'pid /run/nginx.pid;\nhttp {\n  upstream api {\n    server api-1:3000 max_fails=0;\n  }\n  access_log /var/log/nginx/access.log;\n  server {\n    listen 8080;\n  }\n}\n';
    const out = prepareForTest(conf, '/tmp/p');
    expect(out.split('\n')).toHaveLength(conf.split('\n').length);
    expect(out).toContain('server 127.0.0.1:3000 max_fails=0;');
    expect(out).toContain('pid /tmp/p/nginx.pid;');
    expect(out).toMatch(/access_log \/tmp\/p\/logs\/\S+;/);
    expect(out).toMatch(/http \{ client_body_temp_path \/tmp\/p\//);
    expect(out).toContain('    listen 8080;');
  });
});

describe('OpenTelemetry Collector config', () => {
  const valid = {
    receivers: { otlp: { protocols: { http: {} } } },
    processors: { batch: {} },
    exporters: { 'otlp/jaeger': { endpoint: 'jaeger:4317' } },
    extensions: { health_check: {} },
    service: { extensions: ['health_check'], pipelines: { traces: { receivers: ['otlp'], processors: ['batch'], exporters: ['otlp/jaeger'] } } },
  };

  it('is found by its place in the project', () => {
    expect(isCollectorConfig('deploy/otel-collector/config.yaml')).toBe(true);
    expect(isCollectorConfig('otel-collector.yml')).toBe(true);
    expect(isCollectorConfig('deploy/prometheus/prometheus.yml')).toBe(false);
  });

  it('accepts pipelines that name defined components', () => {
    expect(collectorProblems(valid)).toEqual([]);
  });

  it('names every component a pipeline uses but no section defines, and bad pipeline names', () => {
    const broken = {
      ...valid,
      service: {
        extensions: ['pprof'],
        pipelines: { traces: { receivers: ['otlp'], processors: ['batch', 'tail_sampling'], exporters: ['otlp'] }, spans: { receivers: ['otlp'], exporters: ['otlp/jaeger'] } },
      },
    };
    expect(collectorProblems(broken).map((p) => p.message)).toEqual([
      'pipeline "traces" uses processor "tail_sampling", which is not defined under processors',
      'pipeline "traces" uses exporter "otlp", which is not defined under exporters',
      'pipeline "spans" must be named traces, metrics, logs, profiles (optionally /name)',
      'service uses extension "pprof", which is not defined under extensions',
    ]);
  });

  it('wants at least one pipeline with receivers and exporters', () => {
    expect(collectorProblems({ receivers: {}, service: {} }).map((p) => p.message)).toEqual(['service.pipelines defines no pipeline']);
    expect(collectorProblems({ ...valid, service: { pipelines: { traces: { receivers: ['otlp'], exporters: [] } } } }).map((p) => p.message)).toEqual([
      'pipeline "traces" needs a list of exporters',
    ]);
  });
});

describe('small parsers', () => {
  it('interpolates compose variables the way compose does', () => {
    expect(interpolate({ a: '${PORT:-8080}:8080', b: ['$${X}', '${Y}'], c: 3 })).toEqual({ a: '8080:8080', b: ['${X}', ''], c: 3 });
  });
  it('reads JSONC without moving lines', () => {
    const text = '{\n  // comment\n  "a": "http://x", /* more */\n  "b": [1,],\n}';
    expect(JSON.parse(stripJsonComments(text))).toEqual({ a: 'http://x', b: [1] });
  });
});

describe('reports', () => {
  const result: CombinationResult = {
    combination: { index: 1, label: 'db=none <&>', answers: {} as CombinationResult['combination']['answers'] },
    ms: 10,
    checks: [
      { name: 'render', status: 'passed', ms: 1, findings: [] },
      { name: 'nginx', status: 'skipped', ms: 0, detail: 'nginx is not installed', findings: [] },
      { name: 'yaml', status: 'failed', ms: 2, findings: [{ file: 'a.yml', line: 3, message: 'bad "quote" & <tag>\u0001' }] },
    ],
  };
  it('escapes XML and counts', () => {
    const xml = junitReport([result]);
    expect(xml).toContain('tests="3" failures="1" errors="0" skipped="1"');
    expect(xml).toContain('db=none &lt;&amp;&gt;');
    expect(xml).toContain('bad &quot;quote&quot; &amp; &lt;tag&gt;');
    expect(xml).not.toContain('\u0001');
    expect(xmlEscape("'")).toBe('&apos;');
  });
  it('prints the summary line', () => {
    expect(summaryLine({ combinations: 12, checks: 96, passed: 91, failed: 1, skipped: 4 })).toBe('12 combinations, 96 checks: 91 passed, 1 failed, 4 skipped');
  });
});

describe('YAML lint (yamllint default errors)', () => {
  const rules = (text: string) => lintYaml(text).map((p) => `${p.line} ${p.rule}`);

  it('passes clean YAML, comments, block scalars and flow sequences', () => {
    const clean = '# a comment\nservices:\n  api:\n    command: ["node", "dist/main.js"]\n    script: |\n      echo a :  b\n    env:\n      - A=1\n\n\nother: { a: 1, b: 2 }\n';
    expect(rules(clean)).toEqual([]);
  });

  it('reports trailing spaces, tabs, spacing around colons, hyphens and commas', () => {
    expect(rules('a: 1 \nb:\t2\nc :  3\nd:\n  -  x\ne: [1 ,2]\n')).toEqual([
      '1 trailing-spaces',
      '2 tabs',
      '3 colons',
      '3 colons',
      '5 hyphens',
      '6 commas',
      '6 commas',
    ]);
  });

  it('reports a missing final newline, CRLF and blank lines beyond two or at either end', () => {
    expect(rules('a: 1')).toEqual(['1 new-line-at-end-of-file']);
    expect(rules('a: 1\r\n')).toEqual(['1 new-lines']);
    expect(rules('\na: 1\n\n\n\nb: 2\n\n')).toEqual(['1 empty-lines', '5 empty-lines', '7 empty-lines']);
  });
});
