#!/usr/bin/env node
// Post-deploy smoke test: plain Node (fetch), no dependencies.
//   node scripts/smoke.mjs --url http://127.0.0.1:3000
// Prints one line per check; exits 1 if any check fails.
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { url: { type: 'string' }, timeout: { type: 'string', default: '5000' } },
});
const base = (values.url ?? `http://127.0.0.1:${process.env.PORT || 3000}`).replace(/\/+$/, '');
const timeoutMs = Number(values.timeout);

let failed = 0;

async function request(method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, type: response.headers.get('content-type') ?? '', link: response.headers.get('link'), text, json };
}

async function check(name, fn) {
  const started = performance.now();
  try {
    const detail = await fn();
    console.log(`ok   ${name}${detail ? ` (${detail})` : ''} ${Math.round(performance.now() - started)}ms`);
  } catch (error) {
    failed++;
    const cause = error?.cause ? ` (${error.cause.code ?? error.cause.message})` : '';
    console.log(`FAIL ${name}: ${error instanceof Error ? error.message : String(error)}${cause}`);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

function expectStatus(response, status) {
  expect(response.status === status, `expected ${status}, got ${response.status} ${response.text.slice(0, 200)}`);
}

let id;
await check('GET /health/live', async () => expectStatus(await request('GET', '/health/live'), 200));
await check('GET /health/ready', async () => expectStatus(await request('GET', '/health/ready'), 200));
await check('POST /items', async () => {
  const response = await request('POST', '/items', { name: 'smoke test', price: 1.5 });
  expectStatus(response, 201);
  id = response.json?.id;
  expect(Number.isInteger(id), 'response has no integer id');
  return `id ${id}`;
});
await check('GET /items/:id', async () => {
  const response = await request('GET', `/items/${id}`);
  expectStatus(response, 200);
  expect(response.json?.name === 'smoke test', 'wrong item returned');
});
await check('PATCH /items/:id', async () => {
  const response = await request('PATCH', `/items/${id}`, { name: 'smoke test 2' });
  expectStatus(response, 200);
  const read = await request('GET', `/items/${id}`);
  expect(read.json?.name === 'smoke test 2', 'read after update returned the old value');
});
await check('GET /items (cursor pages)', async () => {
  await request('POST', '/items', { name: 'smoke test page', price: 2 });
  const first = await request('GET', '/items?limit=1');
  expectStatus(first, 200);
  expect(Array.isArray(first.json?.data) && first.json.data.length === 1, 'no page of one item');
  const cursor = first.json.nextCursor;
  expect(typeof cursor === 'string', 'no nextCursor with two items stored');
  expect(first.link?.includes(`cursor=${cursor}`) && first.link.endsWith('rel="next"'), `Link header ${first.link}`);
  const second = await request('GET', `/items?limit=1&cursor=${encodeURIComponent(cursor)}`);
  expectStatus(second, 200);
  expect(second.json?.data?.[0]?.id < first.json.data[0].id, 'the next page is not older');
  const [page] = first.json.data;
  expectStatus(await request('DELETE', `/items/${page.id}`), 204);
});
await check('DELETE /items/:id', async () => {
  expectStatus(await request('DELETE', `/items/${id}`), 204);
  expectStatus(await request('GET', `/items/${id}`), 404);
});
await check('404 is problem+json', async () => {
  const response = await request('GET', `/items/${Number.MAX_SAFE_INTEGER}`);
  expectStatus(response, 404);
  expect(response.type.startsWith('application/problem+json'), `content-type ${response.type}`);
  expect(response.json?.status === 404 && typeof response.json?.title === 'string', 'not a problem document');
});
await check('GET /metrics', async () => {
  const response = await request('GET', '/metrics');
  expectStatus(response, 200);
  expect(response.text.includes('http_request_duration_seconds_bucket'), 'no request histogram');
});
await check('GET /docs/json', async () => {
  const response = await request('GET', '/docs/json');
  expectStatus(response, 200);
  expect(typeof response.json?.openapi === 'string' && response.json?.paths?.['/items'], 'not an OpenAPI document');
});

console.log(failed === 0 ? `smoke passed against ${base}` : `smoke failed: ${failed} check(s) against ${base}`);
process.exit(failed === 0 ? 0 : 1);
