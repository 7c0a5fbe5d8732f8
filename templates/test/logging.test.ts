import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { redact } from '../src/app.js';
import { buildTestApp, sample } from './helpers.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** An app whose pino logger writes into an array, one parsed object per line. */
async function appWithLogs(level: string) {
  const raw: string[] = [];
  app = await buildTestApp({}, { logger: { level, redact, stream: { write: (line: string) => raw.push(line) } } });
  const lines = () => raw.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { app, raw, lines };
}

describe('access log', () => {
  it('writes one valid JSON line per request with the request id, route result and duration', async () => {
    const { app, raw, lines } = await appWithLogs('info');
    raw.length = 0;
    const response = await app.inject({
      method: 'GET',
      url: '/health/live?token=s3cret&q="x"',
      headers: { 'x-request-id': 'trace-42' },
    });
    expect(response.statusCode).toBe(200);
    const access = lines().filter((line) => line.msg === 'request completed');
    expect(access).toHaveLength(1);
    expect(raw.at(-1)?.endsWith('\n')).toBe(true);
    const [line] = access;
    expect(line).toMatchObject({
      level: 30,
      reqId: 'trace-42',
      method: 'GET',
      url: '/health/live?token=[redacted]&q=%22x%22',
      statusCode: 200,
      remoteAddress: '127.0.0.1',
    });
    expect(typeof line.time).toBe('number');
    expect(typeof line.pid).toBe('number');
    expect(typeof line.hostname).toBe('string');
    expect(typeof line.responseTime).toBe('number');
    expect(line.responseTime).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(line)).not.toContain('s3cret');
  });

  it('logs unmatched routes and errors with their status, and uses a fresh id per request', async () => {
    const { app, lines } = await appWithLogs('info');
    await app.inject({ method: 'GET', url: '/nope' });
    await app.inject({ method: 'GET', url: `${sample.path}/abc` });
    const access = lines().filter((line) => line.msg === 'request completed');
    expect(access.map((line) => [line.url, line.statusCode])).toEqual([
      ['/nope', 404],
      [`${sample.path}/abc`, 400],
    ]);
    expect(access[0].reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(access[0].reqId).not.toBe(access[1].reqId);
  });

  it('writes no access line above info', async () => {
    const { app, lines } = await appWithLogs('warn');
    await app.inject({ method: 'GET', url: '/health/live' });
    expect(lines().filter((line) => line.msg === 'request completed')).toEqual([]);
  });
});

describe('redaction', () => {
  it('keeps passwords, credentials and connection strings out of log lines', () => {
    const raw: string[] = [];
    const log = pino({ redact }, { write: (line: string) => raw.push(line) });
    log.info({
      password: 'pw-top',
      body: { password: 'pw-body' },
      user: { email: 'a@example.com', password: 'pw-user' },
      req: { headers: { authorization: 'Bearer tok-req', cookie: 'sid=ck-req' }, body: { password: 'pw-req' } },
      headers: { authorization: 'Basic tok-top', cookie: 'sid=ck-top' },
      res: { headers: { 'set-cookie': 'sid=ck-res' } },
      databaseUrl: 'postgres://app:db-secret@db/app',
      config: { databaseUrl: 'postgres://app:db-secret2@db/app', redisUrl: 'redis://:rd-secret@cache' },
    });
    const text = raw.join('');
    for (const secret of ['pw-', 'tok-', 'ck-', 'db-secret', 'rd-secret']) expect(text).not.toContain(secret);
    const line = JSON.parse(text) as { user: { email: string; password: string } };
    // Only the secret goes; the rest of the object is logged as it was.
    expect(line.user).toEqual({ email: 'a@example.com', password: '[redacted]' });
  });
});
