import type { LoadtestConfig } from './config.js';
import type { RouteResult } from './run.js';

export interface Report {
  url: string;
  startedAt: string;
  durationSeconds: number;
  connections: number;
  routes: RouteResult[];
  total: { requests: number; requestsPerSecond: number; errors: number; errorRate: number };
  /** Uncached reads that found no unread id left and read a cached one instead. */
  uncachedReadsServedFromCache: number;
  objectives: LoadtestConfig['objectives'];
  missed: string[];
}

export function buildReport(config: LoadtestConfig, startedAt: Date, routes: RouteResult[], reused: number): Report {
  const requests = routes.reduce((n, r) => n + r.requests, 0);
  const errors = routes.reduce((n, r) => n + r.errors, 0);
  const total = {
    requests,
    requestsPerSecond: routes.reduce((n, r) => n + r.requestsPerSecond, 0),
    errors,
    errorRate: requests ? errors / requests : 1,
  };
  const { objectives } = config;
  const missed: string[] = [];
  for (const r of routes) {
    const limit = objectives.routes[r.route as keyof typeof objectives.routes]?.p99Ms ?? objectives.p99Ms;
    if (r.latencyMs.p99 > limit) missed.push(`${r.route}: p99 ${r.latencyMs.p99.toFixed(1)} ms is above ${limit} ms`);
  }
  if (total.errorRate > objectives.errorRate) missed.push(`error rate ${(total.errorRate * 100).toFixed(2)} % is above ${objectives.errorRate * 100} %`);
  if (total.requestsPerSecond < objectives.minRequestsPerSecond) {
    missed.push(`throughput ${total.requestsPerSecond.toFixed(0)} req/s is below ${objectives.minRequestsPerSecond} req/s`);
  }
  return {
    url: config.url,
    startedAt: startedAt.toISOString(),
    durationSeconds: config.durationSeconds,
    connections: config.connections,
    routes,
    total,
    uncachedReadsServedFromCache: reused,
    objectives,
    missed,
  };
}

export function formatTable(report: Report): string {
  const ms = (n: number) => n.toFixed(1);
  const rows = [
    ['route', 'request', 'conns', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'],
    ...report.routes.map((r) => [r.route, `${r.method} ${r.path}`, String(r.connections), r.requestsPerSecond.toFixed(0), ms(r.latencyMs.p50), ms(r.latencyMs.p95), ms(r.latencyMs.p99), String(r.errors)]),
    ['total', '', String(report.connections), report.total.requestsPerSecond.toFixed(0), '', '', '', `${report.total.errors} (${(report.total.errorRate * 100).toFixed(2)} %)`],
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  // Text columns to the left, figures to the right.
  const line = (row: string[]) => row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
