import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, json, sample } from './helpers.js';

const PROBLEM = /^application\/problem\+json/;

function expectProblem(response: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(PROBLEM);
  const problem = json(response);
  expect(problem).toMatchObject({ type: 'about:blank', status });
  expect(typeof problem.title).toBe('string');
  expect(typeof problem.instance).toBe('string');
  expect(problem.requestId).toBe(response.headers['x-request-id']);
  return problem;
}

describe('errors are RFC 9457 problem details', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp({ BODY_LIMIT: '1024' });
  });
  afterAll(() => app.close());

  it('400 for malformed JSON', async () => {
    const response = await app.inject({
      method: 'POST',
      url: sample.path,
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expectProblem(response, 400);
  });

  it('400 for a body that fails the schema, listing each error', async () => {
    const response = await app.inject({ method: 'POST', url: sample.path, payload: sample.invalid.body });
    const problem = expectProblem(response, 400);
    expect(problem.errors).toEqual([{ path: `body/${sample.invalid.field}`, message: expect.any(String) }]);
  });

  it('404 for an unknown route', async () => {
    const response = await app.inject({ method: 'GET', url: '/nope?x=1' });
    const problem = expectProblem(response, 404);
    expect(problem.instance).toBe('/nope');
  });

  it('413 for a body over BODY_LIMIT', async () => {
    const response = await app.inject({
      method: 'POST',
      url: sample.path,
      payload: { ...sample.body(), padding: 'y'.repeat(2000) },
    });
    expectProblem(response, 413);
  });

  it('415 for a body that is not JSON', async () => {
    const response = await app.inject({
      method: 'POST',
      url: sample.path,
      headers: { 'content-type': 'text/plain' },
      payload: 'name=x',
    });
    expectProblem(response, 415);
  });

  it('echoes a sane X-Request-Id and replaces a hostile one', async () => {
    const ok = await app.inject({ method: 'GET', url: '/nope', headers: { 'x-request-id': 'abc-123' } });
    expect(ok.headers['x-request-id']).toBe('abc-123');
    expect(json(ok).requestId).toBe('abc-123');
    const hostile = await app.inject({ method: 'GET', url: '/nope', headers: { 'x-request-id': 'a b\n{"level":60}' } });
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends the security headers on every response', async () => {
    const response = await app.inject({ method: 'GET', url: '/health/live' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['strict-transport-security']).toContain('max-age=');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('500', () => {
  const boom = (app: FastifyInstance) =>
    app.get('/boom', async () => {
      throw new Error('relation "secret_table" does not exist');
    });

  it('hides the cause in production', async () => {
    const app = await buildTestApp({ NODE_ENV: 'production' });
    boom(app);
    const response = await app.inject({ method: 'GET', url: '/boom' });
    const problem = expectProblem(response, 500);
    expect(response.body).not.toContain('secret_table');
    expect(response.body).not.toMatch(/stack|at .*\.(js|ts):/);
    expect(problem.detail).toBe('An unexpected error occurred');
    await app.close();
  });

  it('shows the message outside production to help debugging', async () => {
    const app = await buildTestApp({ NODE_ENV: 'development' });
    boom(app);
    const response = await app.inject({ method: 'GET', url: '/boom' });
    expect(expectProblem(response, 500).detail).toContain('secret_table');
    await app.close();
  });
});

describe('429', () => {
  it('limits each client to RATE_LIMIT_MAX requests per window', async () => {
    const app = await buildTestApp({ RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW: '1 minute' });
    const get = () => app.inject({ method: 'GET', url: sample.path });
    expect((await get()).statusCode).toBe(200);
    const second = await get();
    expect(second.statusCode).toBe(200);
    expect(second.headers['x-ratelimit-remaining']).toBe('0');
    const limited = await get();
    expectProblem(limited, 429);
    expect(limited.headers['retry-after']).toBeDefined();
    // Probes are never rate limited, or a busy replica would be killed.
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    await app.close();
  });
});

describe('CORS', () => {
  it('allows only the configured origins', async () => {
    const app = await buildTestApp({ CORS_ORIGIN: 'https://app.example.com' });
    const allowed = await app.inject({ method: 'GET', url: sample.path, headers: { origin: 'https://app.example.com' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    const denied = await app.inject({ method: 'GET', url: sample.path, headers: { origin: 'https://evil.example' } });
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
    await app.close();
  });
});

describe('503', () => {
  it('answers 503 with Retry-After when a dependency is unreachable', async () => {
    const app = await buildTestApp({ NODE_ENV: 'production' });
    app.get('/db-down', async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' });
    });
    const response = await app.inject({ method: 'GET', url: '/db-down' });
    const problem = expectProblem(response, 503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.body).not.toContain('10.0.0.5');
    expect(problem.detail).toMatch(/temporarily unavailable/);
    await app.close();
  });
});
