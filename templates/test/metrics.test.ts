import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { DurationHistogram } from '../src/plugins/duration-histogram.js';

function histogram() {
  const registry = new Registry();
  const metric = new DurationHistogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds',
    buckets: [0.1, 0.01, 1],
    registers: [registry],
  });
  return { registry, metric };
}

/** Parses `name{labels} value` exposition lines into [series, value] pairs. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}

describe('request duration histogram', () => {
  it('counts cumulative buckets, treating a bound as inclusive, with sum and count', async () => {
    const { registry, metric } = histogram();
    const series = metric.labels('GET', '/items/:id', '200');
    for (const seconds of [0.005, 0.01, 0.05, 2]) series.observe(seconds);

    const text = await registry.metrics();
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    const values = samples(text);
    const labels = 'method="GET",route="/items/:id",status_code="200"';
    // prom-client's order: le first.
    expect(values.get(`http_request_duration_seconds_bucket{le="0.01",${labels}}`)).toBe(2);
    expect(values.get(`http_request_duration_seconds_bucket{le="0.1",${labels}}`)).toBe(3);
    expect(values.get(`http_request_duration_seconds_bucket{le="1",${labels}}`)).toBe(3);
    expect(values.get(`http_request_duration_seconds_bucket{le="+Inf",${labels}}`)).toBe(4);
    expect(values.get(`http_request_duration_seconds_count{${labels}}`)).toBe(4);
    expect(values.get(`http_request_duration_seconds_sum{${labels}}`)).toBeCloseTo(2.065, 9);
  });

  it('keeps one series per method, route and status, and zeroes them on reset', async () => {
    const { registry, metric } = histogram();
    expect(metric.labels('GET', '/a', '200')).toBe(metric.labels('GET', '/a', '200'));
    const kept = metric.labels('GET', '/a', '200');
    kept.observe(0.5);
    metric.labels('GET', '/a', '500').observe(0.5);
    metric.labels('POST', '/a', '200').observe(0.5);
    const countLines = async () => [...samples(await registry.metrics())].filter(([series]) => series.includes('_count'));
    expect(await countLines()).toHaveLength(3);

    registry.resetMetrics();
    const afterReset = [...samples(await registry.metrics())];
    expect(afterReset.length).toBeGreaterThan(0);
    expect(afterReset.filter(([, value]) => value !== 0)).toEqual([]);
    // A route holds its series across a reset, and what it observes afterwards is exported.
    kept.observe(0.5);
    expect(new Map(await countLines()).get('http_request_duration_seconds_count{method="GET",route="/a",status_code="200"}')).toBe(1);
  });
});
