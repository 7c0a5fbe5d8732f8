import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import fp from 'fastify-plugin';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DurationSeries } from './duration-histogram.js';

// Reuse the id nginx (or any caller) sent so one request can be followed
// across hops; anything odd-looking is replaced rather than logged verbatim.
const SAFE_REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

export function requestId(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

const SECRET_QUERY = /([?&](?:password|passwd|pwd|token|access_token|api[_-]?key|secret|signature)=)[^&]*/gi;

/** Strips credentials from URLs before they reach a log line. */
export function redactUrl(url: string): string {
  let clean = url;
  if (clean.includes('@')) clean = clean.replace(/\/\/([^/@:]*):[^/@]*@/g, '//$1:[redacted]@');
  if (clean.includes('=')) clean = clean.replace(SECRET_QUERY, '$1[redacted]');
  return clean;
}

type Observer = (request: FastifyRequest, reply: FastifyReply) => void;
type OnResponse = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void;

declare module 'fastify' {
  interface FastifyInstance {
    /** The access-log + histogram hook for a handler that is not a route (the 404 handler). */
    observeRequests(route: string): OnResponse;
  }
}

const asHook =
  (observe: Observer): OnResponse =>
  (request, reply, done) => {
    observe(request, reply);
    done();
  };

/**
 * One onResponse hook per request does both jobs that need the final status:
 * the access-log line and the latency histogram. Fastify's own two request
 * lines are disabled (see logController in app.ts) — they cost 10–15 %
 * throughput.
 */
export default fp(
  async function requestContext(app: FastifyInstance) {
    const histogram = app.metrics.httpDuration;

    const logLine = (request: FastifyRequest, statusCode: number, responseTime: number) => {
      request.log.info(
        { method: request.method, url: redactUrl(request.url), statusCode, responseTime, remoteAddress: request.ip },
        'request completed',
      );
    };

    // Binding the route label when the route is registered avoids building
    // request.routeOptions (a fresh object) on every request; the series for
    // each status code is looked up once and kept.
    const routeObserver = (method: string, route: string): Observer => {
      const series = new Map<number, DurationSeries>();
      return (request, reply) => {
        const status = reply.statusCode;
        let target = series.get(status);
        if (target === undefined) {
          target = histogram.labels(method, route, String(status));
          series.set(status, target);
        }
        const ms = reply.elapsedTime;
        target.observe(ms / 1000);
        logLine(request, status, ms);
      };
    };

    // For multi-method routes and the 404 handler, whose method varies.
    const slowObserver = (route: string): Observer => (request, reply) => {
      const ms = reply.elapsedTime;
      histogram.labels(request.method, route, String(reply.statusCode)).observe(ms / 1000);
      logLine(request, reply.statusCode, ms);
    };

    // No global onResponse hook: each route gets its own, and the 404
    // handler asks for one (plugins/errors.ts), so no request pays for two.
    app.addHook('onRoute', (route) => {
      const url = route.url ?? route.path;
      const hook = asHook(typeof route.method === 'string' ? routeObserver(route.method, url) : slowObserver(url));
      const existing = route.onResponse;
      route.onResponse = existing === undefined ? [hook] : [...(Array.isArray(existing) ? existing : [existing]), hook];
    });

    app.decorate('observeRequests', (route: string) => asHook(slowObserver(route)));
  },
  { name: 'request-context', dependencies: ['metrics'] },
);
