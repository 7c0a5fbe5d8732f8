import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, json, resetDatabase } from './helpers.js';

interface Item {
  id: number;
  name: string;
  description: string | null;
  price: number;
  createdAt: string;
  updatedAt: string;
}

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());
beforeEach(() => resetDatabase());

async function create(body: object = { name: 'widget', price: 9.5 }): Promise<Item> {
  const response = await app.inject({ method: 'POST', url: '/items', payload: body });
  expect(response.statusCode).toBe(201);
  return json<Item>(response);
}

describe('items', () => {
  it('creates an item and answers 201 with the object at the top level', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/items',
      payload: { name: 'widget', description: 'blue', price: 9.5 },
    });
    expect(response.statusCode).toBe(201);
    const item = json<Item>(response);
    expect(item).toMatchObject({ name: 'widget', description: 'blue', price: 9.5 });
    expect(Number.isInteger(item.id)).toBe(true);
    expect(new Date(item.createdAt).toISOString()).toBe(item.createdAt);
    expect(item.updatedAt).toBe(item.createdAt);
    expect(response.headers.location).toBe(`/items/${item.id}`);
  });

  it('defaults a missing description to null', async () => {
    expect((await create()).description).toBeNull();
  });

  it('gets an item by id', async () => {
    const item = await create();
    const response = await app.inject({ method: 'GET', url: `/items/${item.id}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(json(response)).toEqual(item);
  });

  it('replaces an item with PUT', async () => {
    const item = await create({ name: 'widget', description: 'old', price: 1 });
    const response = await app.inject({
      method: 'PUT',
      url: `/items/${item.id}`,
      payload: { name: 'gadget', price: 3 },
    });
    expect(response.statusCode).toBe(200);
    const updated = json<Item>(response);
    expect(updated).toMatchObject({ id: item.id, name: 'gadget', description: null, price: 3 });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(item.updatedAt));
    expect(json((await app.inject({ method: 'GET', url: `/items/${item.id}` })))).toEqual(updated);
  });

  it('changes only the given fields with PATCH', async () => {
    const item = await create({ name: 'widget', description: 'keep', price: 1 });
    const response = await app.inject({ method: 'PATCH', url: `/items/${item.id}`, payload: { price: 2 } });
    expect(response.statusCode).toBe(200);
    expect(json(response)).toMatchObject({ name: 'widget', description: 'keep', price: 2 });
  });

  it('rejects an empty PATCH', async () => {
    const item = await create();
    const response = await app.inject({ method: 'PATCH', url: `/items/${item.id}`, payload: {} });
    expect(response.statusCode).toBe(400);
  });

  it('deletes an item with 204 and then answers 404', async () => {
    const item = await create();
    const deleted = await app.inject({ method: 'DELETE', url: `/items/${item.id}` });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expect((await app.inject({ method: 'GET', url: `/items/${item.id}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/items/${item.id}` })).statusCode).toBe(404);
  });

  it.each([
    ['GET', undefined],
    ['PUT', { name: 'x', price: 1 }],
    ['PATCH', { price: 1 }],
    ['DELETE', undefined],
  ] as const)('answers 404 problem+json for %s on an unknown id', async (method, payload) => {
    const response = await app.inject({ method, url: '/items/999999', payload });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(json(response)).toMatchObject({ status: 404, title: 'Not Found', instance: '/items/999999' });
  });

  it.each(['abc', '1.5', '0', '-1', '99999999999'])('answers 400 for the id %s', async (id) => {
    const response = await app.inject({ method: 'GET', url: `/items/${id}` });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it.each([
    ['a missing name', { price: 1 }],
    ['an empty name', { name: '', price: 1 }],
    ['a name over 200 characters', { name: 'x'.repeat(201), price: 1 }],
    ['a negative price', { name: 'x', price: -1 }],
    ['a price that is a string', { name: 'x', price: 'free' }],
    ['an unknown field', { name: 'x', price: 1, colour: 'red' }],
  ])('answers 400 for %s', async (_case, payload) => {
    const response = await app.inject({ method: 'POST', url: '/items', payload });
    expect(response.statusCode).toBe(400);
    const problem = json<{ errors: unknown[] }>(response);
    expect(problem.errors.length).toBeGreaterThan(0);
  });

  it('accepts a name of exactly 200 characters and a price of 0', async () => {
    await create({ name: 'x'.repeat(200), price: 0 });
  });

  describe('pagination', () => {
    it('pages newest first with limit and offset and reports the total', async () => {
      const created: Item[] = [];
      for (let i = 0; i < 5; i++) created.push(await create({ name: `item ${i}`, price: i }));
      const response = await app.inject({ method: 'GET', url: '/items?limit=2&offset=1' });
      expect(response.statusCode).toBe(200);
      const page = json<{ data: Item[]; limit: number; offset: number; total: number }>(response);
      expect(page).toMatchObject({ limit: 2, offset: 1, total: 5 });
      expect(page.data.map((i) => i.id)).toEqual([created[3].id, created[2].id]);
    });

    it('defaults to 20 per page', async () => {
      for (let i = 0; i < 21; i++) await create({ name: `item ${i}`, price: i });
      const page = json<{ data: Item[]; limit: number; total: number }>(
        await app.inject({ method: 'GET', url: '/items' }),
      );
      expect(page.limit).toBe(20);
      expect(page.data).toHaveLength(20);
      expect(page.total).toBe(21);
    });

    it.each(['limit=0', 'limit=101', 'limit=abc', 'offset=-1'])('rejects %s with 400', async (query) => {
      const response = await app.inject({ method: 'GET', url: `/items?${query}` });
      expect(response.statusCode).toBe(400);
    });

    it('accepts the maximum page size of 100', async () => {
      const response = await app.inject({ method: 'GET', url: '/items?limit=100' });
      expect(response.statusCode).toBe(200);
    });
  });
});
