import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { textOf, type WrittenProject } from '../project.js';
import type { Finding } from '../types.js';
import { ruleFiles } from './prometheus.js';
import { failedWith, lineAt, type Check } from './types.js';

type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary';

const suffixes: Record<MetricType, string[]> = {
  counter: [''],
  gauge: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

// prom-client's collectDefaultMetrics() on Linux, used only when prom-client
// is not installed to ask it directly (see defaultMetricNames).
const promClientDefaults = [
  'process_cpu_user_seconds_total', 'process_cpu_system_seconds_total', 'process_cpu_seconds_total',
  'process_start_time_seconds', 'process_resident_memory_bytes', 'process_virtual_memory_bytes',
  'process_heap_bytes', 'process_open_fds', 'process_max_fds', 'nodejs_eventloop_lag_seconds',
  'nodejs_eventloop_lag_min_seconds', 'nodejs_eventloop_lag_max_seconds', 'nodejs_eventloop_lag_mean_seconds',
  'nodejs_eventloop_lag_stddev_seconds', 'nodejs_eventloop_lag_p50_seconds', 'nodejs_eventloop_lag_p90_seconds',
  'nodejs_eventloop_lag_p99_seconds', 'nodejs_active_resources', 'nodejs_active_resources_total',
  'nodejs_active_handles', 'nodejs_active_handles_total', 'nodejs_active_requests', 'nodejs_active_requests_total',
  'nodejs_heap_size_total_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_external_memory_bytes',
  'nodejs_heap_space_size_total_bytes', 'nodejs_heap_space_size_used_bytes', 'nodejs_heap_space_size_available_bytes',
  'nodejs_version_info', 'nodejs_gc_duration_seconds',
];
const promClientDefaultTypes: Record<string, MetricType> = { nodejs_gc_duration_seconds: 'histogram' };

// What fastify-metrics registers unless its options rename them.
const fastifyMetricsDefaults: [string, MetricType][] = [
  ['http_request_duration_seconds', 'histogram'],
  ['http_request_summary_seconds', 'summary'],
];

// nginx-prometheus-exporter (stub_status), when the project deploys it.
const nginxExporter = [
  'nginx_up', 'nginx_connections_accepted', 'nginx_connections_active', 'nginx_connections_handled',
  'nginx_connections_reading', 'nginx_connections_waiting', 'nginx_connections_writing', 'nginx_http_requests_total',
];

// Series Prometheus itself adds to every scrape.
const scrapeSeries = ['up', 'scrape_duration_seconds', 'scrape_samples_scraped', 'scrape_samples_post_metric_relabeling', 'scrape_series_added'];

async function defaultMetricNames(nodeModules: string | undefined): Promise<Map<string, MetricType>> {
  if (nodeModules) {
    try {
      const require = createRequire(join(nodeModules, 'noop.js'));
      const client = require('prom-client') as {
        Registry: new () => { getMetricsAsJSON(): Promise<{ name: string; type: string }[]>; clear(): void };
        collectDefaultMetrics(o: { register: unknown }): void;
      };
      const register = new client.Registry();
      client.collectDefaultMetrics({ register });
      const metrics = await register.getMetricsAsJSON();
      register.clear();
      if (metrics.length) return new Map(metrics.map((m) => [m.name, (m.type in suffixes ? m.type : 'gauge') as MetricType]));
    } catch {
      // Not installed (or another major): use the known list.
    }
  }
  return new Map(promClientDefaults.map((n) => [n, promClientDefaultTypes[n] ?? 'gauge']));
}

/**
 * The metric names the generated service really exports, read from its
 * source: every prom-client `new Counter|Gauge|Histogram|Summary({ name })`,
 * fastify-metrics' route metrics if it is used, and the default process
 * metrics when either library is used.
 */
export async function exportedMetrics(project: WrittenProject, nodeModules?: string): Promise<Set<string>> {
  const typed = new Map<string, MetricType>();
  let usesClient = false;
  for (const file of project.files.filter((f) => /^src\/.*\.(ts|mts|js|mjs)$/.test(f.path))) {
    const text = textOf(file);
    const promClient = /from\s+['"]prom-client['"]|require\(['"]prom-client['"]\)/.test(text);
    const fastifyMetrics = /from\s+['"]fastify-metrics['"]|require\(['"]fastify-metrics['"]\)/.test(text);
    if (!promClient && !fastifyMetrics) continue;
    usesClient = true;
    // Also a project's own collector classes named after the type (e.g. new DurationHistogram).
    const constructor = /new\s+(?:[\w$]+\.)?[\w$]*?(Counter|Gauge|Histogram|Summary)\b/g;
    for (let m = constructor.exec(text); m; m = constructor.exec(text)) {
      const name = /\bname\s*:\s*['"`]([a-zA-Z_:][a-zA-Z0-9_:]*)['"`]/.exec(text.slice(m.index, m.index + 600));
      if (name) typed.set(name[1]!, m[1]!.toLowerCase() as MetricType);
    }
    if (fastifyMetrics) {
      for (const [name, type] of fastifyMetricsDefaults) typed.set(name, type);
      // Renamed route metrics: overrides: { histogram: { name: '…' }, summary: { name: '…' } }.
      const override = /(histogram|summary)\s*:\s*\{[^}]*?\bname\s*:\s*['"`]([a-zA-Z_:][a-zA-Z0-9_:]*)['"`]/g;
      for (let m = override.exec(text); m; m = override.exec(text)) typed.set(m[2]!, m[1] as MetricType);
    }
  }
  if (usesClient) for (const [name, type] of await defaultMetricNames(nodeModules)) typed.set(name, type);
  const names = new Set<string>(scrapeSeries);
  for (const [name, type] of typed) for (const s of suffixes[type]) names.add(`${name}${s}`);
  const deploysExporter = project.files.some((f) => /\.ya?ml$/.test(f.path) && /nginx-prometheus-exporter|nginx-exporter/.test(textOf(f)));
  if (deploysExporter) for (const n of nginxExporter) names.add(n);
  return names;
}

const keywords = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'inf', 'nan', 'atan2', 'start', 'end']);

/** Metric names a PromQL expression selects (function names, labels, strings and Grafana variables removed). */
export function metricNamesIn(expr: string): string[] {
  const text = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ')
    .replace(/\$\{[^}]*\}|\[\[[^\]]*\]\]|\$\w+/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/#.*$/gm, ' ');
  const names = new Set<string>();
  const ident = /([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g;
  for (let m = ident.exec(text); m; m = ident.exec(text)) {
    if (m[2] || keywords.has(m[1]!.toLowerCase())) continue;
    // Part of a number (1e3) or a duration (5m) after a digit.
    if (m.index > 0 && /[0-9.]/.test(text[m.index - 1]!)) continue;
    names.add(m[1]!);
  }
  return [...names];
}

interface Query {
  expr: string;
  file: string;
  line?: number;
}

function dashboardQueries(project: WrittenProject): Query[] {
  const queries: Query[] = [];
  for (const file of project.files.filter((f) => f.path.endsWith('.json') && /(^|\/)grafana\//.test(f.path))) {
    const text = textOf(file);
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      continue; // The json check reports it.
    }
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'expr' && typeof value === 'string') {
            const at = text.indexOf(JSON.stringify(value));
            queries.push({ expr: value, file: file.path, line: at >= 0 ? lineAt(text, at) : undefined });
          } else visit(value);
        }
      }
    };
    visit(data);
  }
  return queries;
}

function ruleQueries(project: WrittenProject): { queries: Query[]; recorded: string[] } {
  const queries: Query[] = [];
  const recorded: string[] = [];
  for (const path of ruleFiles(project)) {
    const file = project.files.find((f) => f.path === path)!;
    const text = textOf(file);
    const doc = parse(text) as { groups: { rules?: { expr?: unknown; record?: unknown }[] }[] };
    for (const group of doc.groups) {
      for (const rule of group.rules ?? []) {
        if (typeof rule.record === 'string') recorded.push(rule.record);
        if (typeof rule.expr !== 'string' && typeof rule.expr !== 'number') continue;
        const expr = String(rule.expr);
        const first = expr.split('\n').find((l) => l.trim())?.trim() ?? expr;
        const at = text.indexOf(first);
        queries.push({ expr, file: path, line: at >= 0 ? lineAt(text, at) : undefined });
      }
    }
  }
  return { queries, recorded };
}

export const metricsCheck: Check = {
  name: 'metrics',
  applies: (p) => dashboardQueries(p).length > 0 || ruleFiles(p).length > 0,
  run: async ({ project, nodeModules }) => {
    const exported = await exportedMetrics(project, nodeModules);
    const rules = ruleQueries(project);
    for (const r of rules.recorded) exported.add(r);
    const findings: Finding[] = [];
    for (const q of [...dashboardQueries(project), ...rules.queries]) {
      const unknown = metricNamesIn(q.expr).filter((n) => !exported.has(n));
      if (unknown.length) {
        findings.push({
          file: q.file,
          line: q.line,
          template: project.sources.get(q.file),
          message: `query names ${unknown.length > 1 ? 'metrics' : 'a metric'} the service does not export: ${unknown.join(', ')} (in: ${q.expr.replace(/\s+/g, ' ').slice(0, 160)})`,
        });
      }
    }
    return failedWith(findings);
  },
};
