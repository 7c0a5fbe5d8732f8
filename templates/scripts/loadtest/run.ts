import autocannon from 'autocannon';
import type { LoadtestConfig } from './config.js';
import type { Route } from './routes.js';

export interface RouteResult {
  route: string;
  method: string;
  path: string;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  errors: number;
  statusCodes: Record<string, number>;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Splits the connections by weight; every route with a weight gets at least one. */
export function share(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (w > 0 ? Math.max(1, Math.round((total * w) / sum)) : 0));
}

/** Loads every route at once, one autocannon instance each, so each route gets its own figures. */
export async function loadRoutes(config: LoadtestConfig, routes: Route[], weights: number[]): Promise<RouteResult[]> {
  const connections = share(config.connections, weights);
  const runs = routes.map(async (route, i) => {
    if (!connections[i]) return undefined;
    const times: number[] = [];
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const options = { url: config.url, connections: connections[i], duration: config.durationSeconds, timeout: 10, requests: [route.request] };
      const instance = autocannon(options, (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)));
      instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
    });
    times.sort((a, b) => a - b);
    const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]));
    return {
      route: route.name,
      method: route.method,
      path: route.path,
      connections: connections[i]!,
      requests: times.length + result.errors,
      requestsPerSecond: times.length / config.durationSeconds,
      latencyMs: { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), max: times.at(-1) ?? 0 },
      // Connection errors and timeouts count as failures, like a 5xx would.
      errors: result.non2xx + result.errors,
      statusCodes,
    } satisfies RouteResult;
  });
  return (await Promise.all(runs)).filter((r) => r !== undefined);
}
