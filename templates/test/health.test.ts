import { validate } from '@readme/openapi-parser';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../src/resources/index.js';
import { buildTestApp, json, metricValue, sample } from './helpers.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

describe('health', () => {
  it('/health/live answers 200', async () => {
    const response = await app.inject({ method: 'GET', url: '/health/live' });
    expect(response.statusCode).toBe(200);
    expect(json(response)).toEqual({ status: 'ok' });
  });

  it('/health/ready checks the dependencies and sets the gauges', async () => {
    const response = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(200);
    const body = json<{ status: string; checks: Record<string, string> }>(response);
    expect(body.status).toBe('ready');
    for (const state of Object.values(body.checks)) expect(state).toBe('up');
    expect(await metricValue(app, 'app_ready')).toBe(1);
  });

  it('/health/ready answers 503 problem+json while draining', async () => {
    app.lifecycle.draining = true;
    try {
      const response = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await metricValue(app, 'app_ready')).toBe(0);
    } finally {
      app.lifecycle.draining = false;
    }
  });
});

describe('metrics', () => {
  it('exports the request histogram by method, route and status code', async () => {
    await app.inject({ method: 'GET', url: `${sample.path}/123456` });
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toContain(`http_request_duration_seconds_count{method="GET",route="${sample.path}/:id",status_code="404"} 1`);
    expect(response.body).toContain(`http_request_duration_seconds_bucket{le="0.005",method="GET",route="${sample.path}/:id"`);
  });

  it('keeps unmatched URLs under one label', async () => {
    await app.inject({ method: 'GET', url: '/random/path/1' });
    await app.inject({ method: 'GET', url: '/random/path/2' });
    expect(
      await metricValue(app, 'http_request_duration_seconds_count{method="GET",route="unmatched",status_code="404"}'),
    ).toBe(2);
  });

  it('exports process metrics and the readiness gauges', async () => {
    const body = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    for (const name of ['process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'app_ready', 'database_up']) {
      expect(body).toContain(`# TYPE ${name} `);
    }
  });
});

describe('OpenAPI', () => {
  it('serves a valid document describing every route', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = json(response);
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    const paths = Object.keys(document.paths as object);
    expect(paths).toEqual(expect.arrayContaining([...resources.flatMap((r) => [r.path, `${r.path}/{id}`]), '/health/ready']));
    expect(paths.filter((p) => p.endsWith('/'))).toEqual([]);
    // Optional query parameters must not be documented as required.
    const list = (document.paths as Record<string, { get: { parameters: { name: string; required?: boolean }[] } }>)[sample.path];
    expect(list.get.parameters.find((p) => p.name === 'limit')?.required).not.toBe(true);
  });

  it('serves the Swagger UI at /docs', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
  });
});
