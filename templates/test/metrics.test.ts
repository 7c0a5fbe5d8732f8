import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, sample } from './helpers.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Parses `name{labels} value` exposition lines into a map of series to value. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}

async function scrape(instance: FastifyInstance): Promise<{ text: string; values: Map<string, number> }> {
  const response = await instance.inject({ method: 'GET', url: '/metrics' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return { text: response.body, values: samples(response.body) };
}

describe('request duration histogram', () => {
  it('counts each request by method, route pattern and status, in cumulative buckets', async () => {
    app = await buildTestApp();
    for (let i = 0; i < 3; i++) expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    for (const id of ['987654', '987655']) expect((await app.inject({ method: 'GET', url: `${sample.path}/${id}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `${sample.path}/abc` })).statusCode).toBe(400);

    const { text, values } = await scrape(app);
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    const live = 'method="GET",route="/health/live",status_code="200"';
    expect(values.get(`http_request_duration_seconds_count{${live}}`)).toBe(3);
    expect(values.get(`http_request_duration_seconds_bucket{le="+Inf",${live}}`)).toBe(3);
    expect(values.get(`http_request_duration_seconds_sum{${live}}`)).toBeGreaterThan(0);
    // The route label is the pattern, never the raw URL, so ids cannot explode the series count.
    const byId = `method="GET",route="${sample.path}/:id"`;
    expect(values.get(`http_request_duration_seconds_count{${byId},status_code="404"}`)).toBe(2);
    expect(values.get(`http_request_duration_seconds_count{${byId},status_code="400"}`)).toBe(1);
    expect(text).not.toContain('987654');

    const buckets = [...values]
      .filter(([series]) => series.startsWith('http_request_duration_seconds_bucket{') && series.endsWith(`${live}}`))
      .map(([, value]) => value);
    expect(buckets.length).toBeGreaterThan(5);
    // Cumulative: no bucket holds fewer than the one below it.
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
  });

  it('puts URLs that match no route under one label', async () => {
    app = await buildTestApp();
    await app.inject({ method: 'GET', url: '/no/such/path/1' });
    await app.inject({ method: 'POST', url: '/no/such/path/2' });
    const { text, values } = await scrape(app);
    expect(values.get('http_request_duration_seconds_count{method="GET",route="unmatched",status_code="404"}')).toBe(1);
    expect(values.get('http_request_duration_seconds_count{method="POST",route="unmatched",status_code="404"}')).toBe(1);
    expect(text).not.toContain('/no/such/path');
  });

  it('exports process metrics and the service gauges the dashboard reads', async () => {
    app = await buildTestApp();
    const { text } = await scrape(app);
    for (const name of ['process_cpu_seconds_total', 'nodejs_eventloop_lag_seconds', 'app_ready', 'database_up']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });
});
