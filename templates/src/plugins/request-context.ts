import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import fp from 'fastify-plugin';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

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

/**
 * Echoes the request id to the client and writes the access log: one line
 * per request, once the response is sent, in place of Fastify's two
 * (`disableRequestLogging` in app.ts). The request's child logger already
 * carries the id as `reqId`.
 */
export default fp(
  async function requestContext(app: FastifyInstance) {
    app.addHook('onRequest', function echoRequestId(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) {
      reply.header('x-request-id', request.id);
      done();
    });

    app.addHook('onResponse', function logRequest(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) {
      request.log.info(
        {
          method: request.method,
          url: redactUrl(request.url),
          statusCode: reply.statusCode,
          responseTime: reply.elapsedTime,
          remoteAddress: request.ip,
        },
        'request completed',
      );
      done();
    });
  },
  { name: 'request-context' },
);
