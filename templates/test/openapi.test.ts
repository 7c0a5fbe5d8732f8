import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../src/resources/index.js';
import { buildTestApp, json } from './helpers.js';

interface Operation {
  operationId?: string;
  responses: Record<string, unknown>;
}
interface Document {
  info: { license?: { name: string } };
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
}

let app: FastifyInstance;
let served: string;
beforeAll(async () => {
  app = await buildTestApp({ PUBLIC_URL: 'https://api.example.test/v1' });
  served = (await app.inject({ method: 'GET', url: '/docs/json' })).body;
});
afterAll(() => app.close());

const operations = (document: Document) =>
  Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
  );

// Warnings the document keeps on purpose: the probes answer no 4xx (a 4xx
// would make an orchestrator restart a healthy replica), and a proprietary
// licence has no SPDX identifier or URL.
const accepted = (problem: NormalizedProblem) =>
  problem.ruleId === 'info-license-strict' ||
  (problem.ruleId === 'operation-4xx-response' && /^#\/paths\/~1health~1/.test(problem.location[0]?.pointer ?? ''));

describe('OpenAPI document', () => {
  it("passes Redocly's recommended rules", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: served, absoluteRef: 'openapi.json', config });
    const report = (p: NormalizedProblem) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`;
    expect(problems.filter((p) => p.severity === 'error').map(report)).toEqual([]);
    expect(problems.filter((p) => !accepted(p)).map(report)).toEqual([]);
  });

  it('names its server from PUBLIC_URL and carries a licence', () => {
    const document = JSON.parse(served) as Document;
    expect(document.servers).toEqual([{ url: 'https://api.example.test/v1' }]);
    expect(document.info.license?.name).toEqual(expect.any(String));
  });

  it('gives every operation a unique operationId', () => {
    const ids = operations(JSON.parse(served) as Document).map(({ operation }) => operation.operationId);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('documents the 4xx each resource route can answer', () => {
    for (const { name, operation } of operations(JSON.parse(served) as Document)) {
      if (name.includes('/health/')) continue;
      const statuses = Object.keys(operation.responses);
      expect(statuses, name).toEqual(expect.arrayContaining(['400', '429']));
      if (name.includes('{id}')) expect(statuses, name).toContain('404');
      if (/^(POST|PUT|PATCH) /.test(name)) expect(statuses, name).toEqual(expect.arrayContaining(['413', '415']));
    }
  });

  it.each(resources.map((r) => r.path))('answers the documented 400 for a malformed cursor on %s', async (path) => {
    const document = JSON.parse(served) as Document;
    expect(Object.keys(document.paths[path]!.get!.responses)).toContain('400');
    const response = await app.inject({ method: 'GET', url: `${path}?cursor=bogus` });
    expect(response.statusCode).toBe(400);
    expect(json(response)).toMatchObject({ status: 400 });
  });
});
