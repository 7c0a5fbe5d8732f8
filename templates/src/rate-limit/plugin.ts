import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../plugins/errors.js';
import { clientKey } from './client-key.js';
import type { WindowCounter } from './counters.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false` exempts a route (probes, /metrics) from the rate limit. */
    rateLimit?: false;
  }
}

export interface RateLimitOptions {
  /** Requests per client per window. */
  max: number;
  windowMs: number;
  counter: WindowCounter;
}

// While the counter (Redis) is failing, say so at most this often.
const WARN_INTERVAL_MS = 60_000;

/**
 * A fixed-window rate limit per client address, with the usual
 * x-ratelimit-* headers and a 429 problem with retry-after past the limit.
 *
 * Written here rather than taken from @fastify/rate-limit: that plugin's
 * per-request path (async hooks, a promise around every count, per-route
 * options built on each request) was about 10 % of a cached GET's CPU time
 * in create-scaled-api's benchmark. This one is a synchronous hook when
 * the counts are in memory. A counter that fails (Redis down) lets the
 * request through: an outage of the limiter must not become an API outage.
 */
export default fp(
  async function rateLimit(app: FastifyInstance, { max, windowMs, counter }: RateLimitOptions) {
    const limit = String(max);
    let lastWarning = 0;

    const onCount = (reply: FastifyReply, count: number, resetSeconds: string, done: HookHandlerDoneFunction) => {
      reply.header('x-ratelimit-limit', limit);
      reply.header('x-ratelimit-remaining', String(count >= max ? 0 : max - count));
      reply.header('x-ratelimit-reset', resetSeconds);
      if (count <= max) return done();
      reply.header('retry-after', resetSeconds);
      done(new HttpError(429, `Rate limit exceeded, retry in ${resetSeconds} s`));
    };

    const onCounterError = (request: FastifyRequest, error: unknown, done: HookHandlerDoneFunction) => {
      const now = Date.now();
      if (now - lastWarning >= WARN_INTERVAL_MS) {
        lastWarning = now;
        request.log.warn({ err: error }, 'rate limit counter unavailable; requests are let through');
      }
      done();
    };

    const limitRequest: onRequestHookHandler = (request, reply, done) => {
      const now = Date.now();
      const window = Math.floor(now / windowMs);
      const resetSeconds = String(Math.ceil(((window + 1) * windowMs - now) / 1000));
      let count: number | Promise<number>;
      try {
        count = counter.increment(clientKey(request.ip), window, windowMs);
      } catch (error) {
        return onCounterError(request, error, done);
      }
      if (typeof count === 'number') return onCount(reply, count, resetSeconds, done);
      count.then(
        (n) => onCount(reply, n, resetSeconds, done),
        (error: unknown) => onCounterError(request, error, done),
      );
    };

    // Added to each route as it is declared, so exempt routes cost nothing
    // and no request has to look up its route's config.
    app.addHook('onRoute', (route) => {
      if (route.config?.rateLimit === false) return;
      const existing = route.onRequest;
      route.onRequest = existing === undefined ? [limitRequest] : [...(Array.isArray(existing) ? existing : [existing]), limitRequest];
    });
  },
  { name: 'rate-limit' },
);
