import type { FastifyInstance } from 'fastify';

/**
 * Stops taking traffic and lets in-flight requests finish: readiness turns
 * 503 first, then the server closes (new requests on kept-alive connections
 * get a 503 that nginx retries elsewhere), then onClose hooks close the
 * database pool and Redis.
 */
export async function closeGracefully(app: FastifyInstance, timeoutMs: number): Promise<'closed' | 'timeout'> {
  app.lifecycle.draining = true;
  app.metrics.appReady.set(0);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
    timer.unref();
  });
  // server.close() only drops connections idle at that moment; a keep-alive
  // connection whose request finishes later would hold the close open until
  // its keep-alive timeout, so keep dropping the ones that became idle.
  const sweeper = setInterval(() => app.server.closeIdleConnections(), 100);
  sweeper.unref();
  try {
    return await Promise.race([app.close().then(() => 'closed' as const), timeout]);
  } finally {
    clearTimeout(timer);
    clearInterval(sweeper);
  }
}
