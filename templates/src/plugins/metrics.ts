import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { DurationHistogram } from './duration-histogram.js';

export interface Metrics {
  registry: Registry;
  httpDuration: DurationHistogram;
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
}

// Names are a contract: the Grafana dashboard and alert rules query them.
function createMetrics(): Metrics {
  // One registry per app, not the global one, so tests can build many apps.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpDuration: new DurationHistogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds',
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

export default fp(
  async function metrics(app: FastifyInstance) {
    app.decorate('metrics', createMetrics());

    // Scraped by Prometheus on each replica directly; nginx denies it from outside.
    app.get('/metrics', { schema: { hide: true }, config: { rateLimit: false } }, async (_request, reply) => {
      const body = await app.metrics.registry.metrics();
      return reply.type(app.metrics.registry.contentType).send(body);
    });
  },
  { name: 'metrics' },
);
