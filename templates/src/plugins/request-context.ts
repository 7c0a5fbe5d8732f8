import { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
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

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Records a finished response of this route; set by the request-context plugin. */
    observeResponse?: Observer;
  }
}

/**
 * Fastify hands every finished response to its log controller, so that is
 * where the access-log line and the latency histogram are recorded: one call
 * per request, and no onResponse hook on any route (even an empty one cost
 * about 6k instructions per request in a bare Fastify app, measured with
 * callgrind by create-scaled-api's benchmark). Fastify's own two lines per
 * request are off (disableRequestLogging).
 */
export class ResponseObserver extends LogController {
  /** For requests that matched no route; set by the plugin. */
  unmatched: Observer | undefined;

  constructor() {
    super({ disableRequestLogging: true, requestIdLogLabel: 'reqId' });
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const observe = request.is404 ? this.unmatched : request.routeOptions.config.observeResponse;
    observe?.(request, reply);
    // The response stream broke after the handler was done (client gone mid-body).
    if (error) request.log.warn({ err: error }, 'response failed');
  }
}

/** Binds the histogram and the access-log line to every route declared after it. */
export default fp(
  async function requestContext(app: FastifyInstance, { responses }: { responses: ResponseObserver }) {
    const histogram = app.metrics.httpDuration;

    const logLine = (request: FastifyRequest, statusCode: number, responseTime: number) => {
      request.log.info(
        { method: request.method, url: redactUrl(request.url), statusCode, responseTime, remoteAddress: request.ip },
        'request completed',
      );
    };

    // The route label is bound when the route is declared and the series for
    // each status code is looked up once and kept, so a request only counts.
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

    // For multi-method routes and unmatched requests, whose method varies.
    const anyMethodObserver = (route: string): Observer => (request, reply) => {
      const ms = reply.elapsedTime;
      histogram.labels(request.method, route, String(reply.statusCode)).observe(ms / 1000);
      logLine(request, reply.statusCode, ms);
    };

    app.addHook('onRoute', (route) => {
      const url = route.url ?? route.path;
      const observeResponse = typeof route.method === 'string' ? routeObserver(route.method, url) : anyMethodObserver(url);
      route.config = { ...route.config, observeResponse };
    });
    // Unmatched URLs share one route label to keep metric cardinality bounded.
    responses.unmatched = anyMethodObserver('unmatched');
  },
  { name: 'request-context', dependencies: ['metrics'] },
);
