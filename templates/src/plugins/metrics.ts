import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

type DurationLabel = 'method' | 'route' | 'status_code';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<DurationLabel>;
  cacheHits: Counter<'cache'>;
  cacheMisses: Counter<'cache'>;
  cacheErrors: Counter<'cache'>;
  databaseUp: Gauge;
  appReady: Gauge;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
  interface FastifyContextConfig {
    /** The duration series of this route by status code; set when the route is declared. */
    durationSeries?: DurationSeries;
  }
}

type Observer = ReturnType<Histogram<DurationLabel>['labels']>;
type DurationSeries = (method: string, statusCode: number) => Observer;

// Names are a contract: the Grafana dashboard and alert rules query them.
function createMetrics(): Metrics {
  // One registry per app, not the global one, so tests can build many apps.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    cacheHits: new Counter({ name: 'cache_hits_total', help: 'Cache-aside hits', labelNames: ['cache'], registers }),
    cacheMisses: new Counter({ name: 'cache_misses_total', help: 'Cache-aside misses', labelNames: ['cache'], registers }),
    cacheErrors: new Counter({
      name: 'cache_errors_total',
      help: 'Cache operations that failed and fell back to the database',
      labelNames: ['cache'],
      registers,
    }),
    databaseUp: new Gauge({ name: 'database_up', help: '1 when the last readiness check reached the database', registers }),
    appReady: new Gauge({ name: 'app_ready', help: '1 when /health/ready answers 200', registers }),
  };
}

/**
 * prom-client's `labels()` builds a label set from the values, checks it and
 * returns a new child on every call. A route keeps one child per method and
 * status, so a request reuses that label set instead of building one; the
 * child's `observe` still checks and hashes it, as prom-client always does.
 */
function seriesOf(histogram: Histogram<DurationLabel>, route: string): DurationSeries {
  const children = new Map<string, Observer>();
  return (method, statusCode) => {
    const key = `${method} ${statusCode}`;
    let child = children.get(key);
    if (child === undefined) {
      child = histogram.labels(method, route, String(statusCode));
      children.set(key, child);
    }
    return child;
  };
}

export default fp(
  async function metrics(app: FastifyInstance) {
    app.decorate('metrics', createMetrics());
    const histogram = app.metrics.httpDuration;
    // Unmatched URLs share one route label to keep metric cardinality bounded.
    const unmatched = seriesOf(histogram, 'unmatched');

    app.addHook('onRoute', (route) => {
      route.config = { ...route.config, durationSeries: seriesOf(histogram, route.url ?? route.path) };
    });

    app.addHook(
      'onResponse',
      function observeDuration(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) {
        const series = (request.is404 ? undefined : request.routeOptions.config.durationSeries) ?? unmatched;
        series(request.method, reply.statusCode).observe(reply.elapsedTime / 1000);
        done();
      },
    );

    // Scraped by Prometheus on each replica directly; nginx denies it from outside.
    app.get('/metrics', { schema: { hide: true }, config: { rateLimit: false } }, async (_request, reply) => {
      const body = await app.metrics.registry.metrics();
      return reply.type(app.metrics.registry.contentType).send(body);
    });
  },
  { name: 'metrics' },
);
