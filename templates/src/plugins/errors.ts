import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { STATUS_CODES } from 'node:http';
import type { Problem } from '../models/common.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** An error a route throws on purpose; its message is safe to show. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, `${what} not found`);

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  detail?: string,
  errors?: Problem['errors'],
): FastifyReply {
  const problem: Problem = {
    // No per-problem documentation pages: RFC 9457 says use about:blank then.
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    instance: request.url.split('?', 1)[0],
    requestId: request.id,
    errors,
  };
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P03']);

/**
 * A dependency that cannot be reached (database restarting, pool exhausted)
 * is a 503, not a 500: nginx retries idempotent requests on another replica
 * and clients know to try again.
 */
function isUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string' && (UNAVAILABLE_CODES.has(e.code) || e.code.startsWith('08'))) return true;
    if (typeof e.message === 'string' && /Connection terminated|timeout exceeded when trying to connect/.test(e.message)) {
      return true;
    }
  }
  return false;
}

function validationErrors(error: FastifyError): Problem['errors'] {
  return error.validation?.map((issue) => ({
    path: `${error.validationContext ?? ''}${issue.instancePath}`,
    message: issue.message ?? 'is invalid',
  }));
}

export default fp(
  async function errors(app: FastifyInstance, options: { isProduction: boolean }) {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error.validation) {
        return sendProblem(request, reply, 400, error.message, validationErrors(error));
      }
      if (error.statusCode === undefined && isUnavailable(error)) {
        request.log.error({ err: error }, 'dependency unavailable');
        reply.header('retry-after', '1');
        return sendProblem(request, reply, 503, 'A dependency is temporarily unavailable, retry shortly');
      }
      const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
      if (status >= 500) {
        // Logged with its stack; in production the client sees a generic
        // line so SQL, hosts and paths never leak.
        request.log.error({ err: error }, 'request failed');
        return sendProblem(request, reply, status, options.isProduction ? 'An unexpected error occurred' : error.message);
      }
      return sendProblem(request, reply, status, error.message);
    });

    app.setNotFoundHandler((request, reply) => {
      sendProblem(request, reply, 404, `Route ${request.method} ${request.url.split('?', 1)[0]} not found`);
    });
  },
  { name: 'errors', dependencies: ['request-context'] },
);
