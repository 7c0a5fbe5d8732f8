import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exampleUser } from '../src/resources/users/examples.js';
import { buildTestApp, json, resetDatabase, sample } from './helpers.js';

const PASSWORD = 'correct horse battery staple';
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const hs256 = (header: object, payload: object, secret: string) => {
  const signed = `${b64(header)}.${b64(payload)}`;
  return `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`;
};
const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string; iat: number; exp: number };

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());
beforeEach(() => resetDatabase());

async function register(n = 1, password = PASSWORD) {
  return app.inject({ method: 'POST', url: '/auth/register', payload: { ...exampleUser(n), password } });
}

async function login(email: string, password = PASSWORD) {
  return app.inject({ method: 'POST', url: '/auth/login', payload: { email, password } });
}

/** Registers account `n` and answers its access token. */
async function tokenOf(n = 1): Promise<string> {
  expect((await register(n)).statusCode).toBe(201);
  const response = await login(exampleUser(n).email);
  expect(response.statusCode).toBe(200);
  return json<{ accessToken: string }>(response).accessToken;
}

const write = (token: string) =>
  app.inject({ method: 'POST', url: sample.path, payload: sample.body(), headers: { authorization: `Bearer ${token}` } });

function expectUnauthorized(response: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  expect(response.statusCode).toBe(401);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
  expect(json(response)).toMatchObject({ status: 401, title: 'Unauthorized' });
}

describe('register', () => {
  it('answers 201 with the user, and nothing of its password', async () => {
    const response = await register();
    expect(response.statusCode).toBe(201);
    const user = json(response);
    expect(user).toEqual(expect.objectContaining({ ...exampleUser(), id: expect.any(Number) }));
    expect(response.headers.location).toBe(`/users/${user.id}`);
    expect(response.body).not.toMatch(/password|scrypt|hash/i);
    expect(response.body).not.toContain(PASSWORD);
  });

  it('answers 409 for an email that is taken, whatever its case', async () => {
    await register(1);
    const again = await app.inject({
      method: 'POST',
      url: '/auth/register',
      payload: { ...exampleUser(2), email: exampleUser(1).email.toUpperCase(), password: PASSWORD },
    });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it.each([
    ['a password under 8 characters', { ...exampleUser(), password: 'short' }],
    ['no password', exampleUser()],
    ['an unknown field', { ...exampleUser(), password: PASSWORD, admin: true }],
  ])('answers 400 for %s', async (_case, payload) => {
    expect((await app.inject({ method: 'POST', url: '/auth/register', payload })).statusCode).toBe(400);
  });

  it('keeps the password out of the user resource, its list and its cache', async () => {
    const { id } = json<{ id: number }>(await register());
    for (const url of [`/users/${id}`, `/users/${id}`, '/users']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toMatch(/password|scrypt/i);
    }
  });
});

describe('login', () => {
  it('answers a bearer token that lives JWT_EXPIRES_IN', async () => {
    await register();
    const response = await login(exampleUser().email.toUpperCase());
    expect(response.statusCode).toBe(200);
    const body = json<{ accessToken: string; tokenType: string; expiresIn: number }>(response);
    expect(body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
    const payload = payloadOf(body.accessToken);
    expect(payload.exp - payload.iat).toBe(900);
    expect(JSON.parse(Buffer.from(body.accessToken.split('.')[0]!, 'base64url').toString())).toMatchObject({ alg: 'HS256' });
  });

  it('answers a wrong password and an unknown email alike', async () => {
    await register();
    const wrong = await login(exampleUser().email, 'not the password');
    const unknown = await login('nobody@example.com');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.statusCode).toBe(401);
    const { requestId: _a, ...wrongProblem } = json(wrong);
    const { requestId: _b, ...unknownProblem } = json(unknown);
    expect(unknownProblem).toEqual(wrongProblem);
  });

  it('spends a hash on an unknown email too, so the time tells nothing', async () => {
    await register();
    const timed = async (email: string, password: string) => {
      const started = process.hrtime.bigint();
      await login(email, password);
      return Number(process.hrtime.bigint() - started);
    };
    const median = (values: number[]) => values.sort((a, b) => a - b)[1]!;
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      wrong.push(await timed(exampleUser().email, 'not the password'));
      unknown.push(await timed(`nobody${i}@example.com`, 'not the password'));
    }
    // Without the dummy hash an unknown email answers tens of times sooner;
    // with it both cost one scrypt, within noise.
    const ratio = median(unknown) / median(wrong);
    expect(ratio).toBeGreaterThan(0.33);
    expect(ratio).toBeLessThan(3);
  });

  it('refuses a user created through POST /users, which has no password', async () => {
    const token = await tokenOf(1);
    const created = await app.inject({ method: 'POST', url: '/users', payload: exampleUser(2), headers: { authorization: `Bearer ${token}` } });
    expect(created.statusCode).toBe(201);
    expect((await login(exampleUser(2).email)).statusCode).toBe(401);
  });
});

describe('GET /auth/me', () => {
  it('answers the account of the token', async () => {
    const token = await tokenOf();
    const response = await app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    expect(json(response)).toMatchObject(exampleUser());
  });

  it('answers 401 without a token', async () => {
    expectUnauthorized(await app.inject({ method: 'GET', url: '/auth/me' }));
  });
});

describe('bad tokens are a 401, never a 500', () => {
  const secret = 'test-only-jwt-secret-0123456789abcdef';
  const cases: [string, (token: string) => string][] = [
    ['alg: none', (t) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...payloadOf(t), exp: Math.floor(Date.now() / 1000) + 3600 })}.`],
    ['a tampered payload', (t) => { const [h, , s] = t.split('.'); return `${h}.${b64({ ...payloadOf(t), sub: '999999' })}.${s}`; }],
    ['an expired token', (t) => hs256({ alg: 'HS256', typ: 'JWT' }, { ...payloadOf(t), iat: 1000, exp: 2000 }, secret)],
    ['another secret', (t) => hs256({ alg: 'HS256', typ: 'JWT' }, payloadOf(t), 'some-other-secret-of-enough-length-123456')],
    ['HS512 with the right secret', (t) => { const signed = `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64(payloadOf(t))}`; return `${signed}.${createHmac('sha512', secret).update(signed).digest('base64url')}`; }],
    ['garbage', () => 'not.a.jwt'],
    ['an empty token', () => ''],
  ];

  it.each(cases)('%s', async (_case, forge) => {
    const forged = forge(await tokenOf());
    expectUnauthorized(await write(forged));
  });

  it.each(['Basic dXNlcjpwYXNz', 'Bearer', 'bearer  a b c'])('the header "%s"', async (authorization) => {
    expectUnauthorized(await app.inject({ method: 'POST', url: sample.path, payload: sample.body(), headers: { authorization } }));
  });

  it('a valid token of an account that was deleted', async () => {
    const token = await tokenOf(1);
    const other = await tokenOf(2);
    const id = payloadOf(token).sub;
    // Read once, so a cached account must be invalidated by the delete.
    expect((await write(token)).statusCode).toBe(201);
    expect((await app.inject({ method: 'DELETE', url: `/users/${id}`, headers: { authorization: `Bearer ${other}` } })).statusCode).toBe(204);
    expectUnauthorized(await write(token));
  });

  it('the signature of a token made with the same secret for a forged account id', async () => {
    expectUnauthorized(await write(hs256({ alg: 'HS256', typ: 'JWT' }, { sub: 'abc', iat: Math.floor(Date.now() / 1000) }, secret)));
  });
});

describe('login and register limits', () => {
  let limited: FastifyInstance;
  beforeEach(async () => {
    limited = await buildTestApp({ RATE_LIMIT_MAX: '1000', AUTH_RATE_LIMIT_MAX: '3' });
  });
  afterEach(() => limited.close());

  const attempt = (email: string, remoteAddress: string) =>
    limited.inject({ method: 'POST', url: '/auth/login', payload: { email, password: 'a guess' }, remoteAddress });

  it('answers 429 with retry-after past AUTH_RATE_LIMIT_MAX attempts on one email, from any address', async () => {
    for (let i = 1; i <= 3; i++) expect((await attempt('ann@example.com', `198.51.100.${i}`)).statusCode).toBe(401);
    const blocked = await attempt('ann@example.com', '198.51.100.9');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers 429 past AUTH_RATE_LIMIT_MAX attempts from one address, on any email', async () => {
    for (let i = 1; i <= 3; i++) expect((await attempt(`user${i}@example.com`, '203.0.113.7')).statusCode).toBe(401);
    expect((await attempt('user9@example.com', '203.0.113.7')).statusCode).toBe(429);
    expect((await attempt('user9@example.com', '203.0.113.8')).statusCode).toBe(401);
  });

  it('limits register the same way', async () => {
    for (let i = 1; i <= 3; i++) {
      const response = await limited.inject({ method: 'POST', url: '/auth/register', payload: { ...exampleUser(i), password: 'x' }, remoteAddress: '192.0.2.1' });
      expect(response.statusCode).toBe(400);
    }
    const response = await limited.inject({ method: 'POST', url: '/auth/register', payload: { ...exampleUser(4), password: PASSWORD }, remoteAddress: '192.0.2.1' });
    expect(response.statusCode).toBe(429);
  });
});

describe('the general rate limit counts signed-in callers by account', () => {
  it('gives each account its own budget behind one address', async () => {
    const limited = await buildTestApp({ RATE_LIMIT_MAX: '2', AUTH_RATE_LIMIT_MAX: '0' });
    try {
      const tokens: string[] = [];
      for (const n of [1, 2]) {
        await limited.inject({ method: 'POST', url: '/auth/register', payload: { ...exampleUser(n), password: PASSWORD } });
        const response = await limited.inject({ method: 'POST', url: '/auth/login', payload: { email: exampleUser(n).email, password: PASSWORD }, remoteAddress: '198.51.100.50' });
        tokens.push(json<{ accessToken: string }>(response).accessToken);
      }
      const read = (token: string) =>
        limited.inject({ method: 'GET', url: `${sample.path}?limit=1`, headers: { authorization: `Bearer ${token}` }, remoteAddress: '198.51.100.50' });
      expect((await read(tokens[0]!)).statusCode).toBe(200);
      expect((await read(tokens[0]!)).statusCode).toBe(200);
      expect((await read(tokens[0]!)).statusCode).toBe(429);
      expect((await read(tokens[1]!)).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
