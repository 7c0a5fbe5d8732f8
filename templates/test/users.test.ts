import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, json, resetDatabase } from './helpers.js';

interface User {
  id: number;
  email: string;
  name: string;
  createdAt: string;
}

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());
beforeEach(() => resetDatabase());

async function create(email = 'ada@example.com', name = 'Ada'): Promise<User> {
  const response = await app.inject({ method: 'POST', url: '/users', payload: { email, name } });
  expect(response.statusCode).toBe(201);
  return json<User>(response);
}

describe('users', () => {
  it('creates, gets, lists, updates and deletes a user', async () => {
    const user = await create();
    expect(user).toMatchObject({ email: 'ada@example.com', name: 'Ada' });
    expect(Number.isInteger(user.id)).toBe(true);

    const got = await app.inject({ method: 'GET', url: `/users/${user.id}` });
    expect(json(got)).toEqual(user);

    const list = json<{ data: User[]; total: number }>(await app.inject({ method: 'GET', url: '/users' }));
    expect(list.total).toBe(1);
    expect(list.data[0]).toEqual(user);

    const put = await app.inject({
      method: 'PUT',
      url: `/users/${user.id}`,
      payload: { email: 'ada@example.org', name: 'Ada L.' },
    });
    expect(put.statusCode).toBe(200);
    expect(json(put)).toMatchObject({ id: user.id, email: 'ada@example.org', name: 'Ada L.' });

    const patch = await app.inject({ method: 'PATCH', url: `/users/${user.id}`, payload: { name: 'Ada' } });
    expect(json(patch)).toMatchObject({ email: 'ada@example.org', name: 'Ada' });
    expect(json(await app.inject({ method: 'GET', url: `/users/${user.id}` }))).toMatchObject({ name: 'Ada' });

    expect((await app.inject({ method: 'DELETE', url: `/users/${user.id}` })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/users/${user.id}` })).statusCode).toBe(404);
  });

  it('answers 409 problem+json for a duplicate email, ignoring case', async () => {
    await create('ada@example.com');
    const response = await app.inject({
      method: 'POST',
      url: '/users',
      payload: { email: 'ADA@example.com', name: 'Other' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(json(response)).toMatchObject({ status: 409, title: 'Conflict' });
  });

  it('answers 409 when an update takes another user\'s email', async () => {
    await create('ada@example.com');
    const other = await create('grace@example.com', 'Grace');
    const response = await app.inject({
      method: 'PATCH',
      url: `/users/${other.id}`,
      payload: { email: 'ada@example.com' },
    });
    expect(response.statusCode).toBe(409);
  });

  it.each([
    ['an invalid email', { email: 'not-an-email', name: 'x' }],
    ['a missing name', { email: 'x@example.com' }],
    ['an empty name', { email: 'x@example.com', name: '' }],
  ])('answers 400 for %s', async (_case, payload) => {
    const response = await app.inject({ method: 'POST', url: '/users', payload });
    expect(response.statusCode).toBe(400);
  });

  it('answers 400 for a non-integer id and 404 for an unknown one', async () => {
    expect((await app.inject({ method: 'GET', url: '/users/abc' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/users/424242' })).statusCode).toBe(404);
  });
});
