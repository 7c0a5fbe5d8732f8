import net from 'node:net';
import type { FastifyInstance } from 'fastify';

/**
 * How long a draining replica leaves its idle kept-alive connections for the
 * client to close (or half the shutdown timeout, when that is shorter).
 * Above nginx's upstream `keepalive_timeout` (2 s in deploy/nginx/nginx.conf),
 * so nginx has closed every connection of its own by then.
 */
const IDLE_GRACE_MS = 3_000;

/**
 * Stops taking traffic and lets in-flight requests finish: readiness turns
 * 503 first, the listening socket closes, every answer from then on says
 * `Connection: close`, and the process waits for its clients to close their
 * connections; then onClose hooks close the database pool and Redis.
 *
 * The server never closes a connection a client may be writing a request
 * into: nginx would retry a GET on another replica but rightly never a POST,
 * so that write would fail. Only what is still idle after IDLE_GRACE_MS
 * (a client other than nginx) is closed by the server.
 */
export async function closeGracefully(app: FastifyInstance, timeoutMs: number): Promise<'closed' | 'timeout'> {
  app.lifecycle.draining = true;
  app.metrics.appReady.set(0);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
    timer.unref();
  });
  // Before Fastify's handler, so that even an answer sent at once carries it.
  app.server.prependListener('request', (_request, response) => response.setHeader('connection', 'close'));
  // http.Server#close would also drop every idle connection at once; the
  // net.Server close underneath only stops accepting, and calls back once the
  // last connection is gone.
  const drained = new Promise<void>((resolve) => net.Server.prototype.close.call(app.server, () => resolve()));
  let grace: NodeJS.Timeout | undefined;
  const graceOver = new Promise<void>((resolve) => {
    grace = setTimeout(resolve, Math.min(IDLE_GRACE_MS, timeoutMs / 2));
    grace.unref();
  });
  const closed = (async () => {
    await Promise.race([drained, graceOver]);
    app.server.closeIdleConnections();
    // The others close as their answers go out.
    await drained;
    await app.close();
    return 'closed' as const;
  })();
  try {
    return await Promise.race([closed, timeout]);
  } finally {
    clearTimeout(timer);
    clearTimeout(grace);
  }
}
