import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { Problem, problems } from '../models/common.js';
import { HttpError, notFound } from '../plugins/errors.js';
import { User } from '../resources/users/model.js';
import type { Accounts } from './accounts.js';
import { AccessToken, Login, Register } from './model.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { addressKey } from './rate-limit-key.js';

export interface AuthRoutesOptions {
  accounts: Accounts;
  expiresInSeconds: number;
  /**
   * Attempts per address and per email in each window, on top of the general
   * limit; absent when rate limiting is off (RATE_LIMIT_MAX=0).
   */
  attempts?: { max: number; windowMs: number };
}

const tags = ['auth'];
const WRONG_CREDENTIALS = 'The email or password is wrong';
const WrongCredentials = Type.Object(Problem.properties, { description: 'The email or password is wrong (the answer does not say which)' });

const routes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, options) => {
  const { accounts, expiresInSeconds, attempts } = options;
  // Hashed once at start: an unknown email is checked against it, so it costs
  // the same scrypt time as a wrong password and the timing tells nothing.
  const dummyHash = await hashPassword('not the password of any account');

  // Per address as the route's own limit, per email once the body is
  // parsed: one address cannot try many accounts, nor many addresses one.
  // The limiter runs once per request, so the second count is its
  // createRateLimit checker, answered here.
  function publicAndLimited(route: string) {
    if (attempts === undefined || attempts.max === 0) return { config: { access: 'public' as const } };
    const { max, windowMs: timeWindow } = attempts;
    const perEmail = app.createRateLimit({
      max,
      timeWindow,
      keyGenerator: (request: FastifyRequest) => `${route}:${(request.body as { email: string }).email.toLowerCase()}`,
    });
    return {
      config: { access: 'public' as const, rateLimit: { max, timeWindow, keyGenerator: (request: FastifyRequest) => addressKey(request.ip) } },
      preHandler: async (request: FastifyRequest, reply: FastifyReply) => {
        const limit = await perEmail(request);
        if (!limit.isAllowed && limit.isExceeded) {
          reply.header('retry-after', String(limit.ttlInSeconds));
          throw new HttpError(429, `Too many attempts for this email, retry in ${limit.ttlInSeconds} s`);
        }
      },
    };
  }

  app.post('/register', {
    ...publicAndLimited('register'),
    schema: {
      tags,
      operationId: 'register',
      summary: 'Create an account',
      body: Register,
      response: { 201: User, ...problems(400, 409, 413, 415, 429, 500, 503) },
    },
    handler: async (request, reply) => {
      const { password, ...user } = request.body;
      const created = await accounts.register(user, await hashPassword(password));
      return reply.code(201).header('location', `/users/${created.id}`).send(created);
    },
  });

  app.post('/login', {
    ...publicAndLimited('login'),
    schema: {
      tags,
      operationId: 'login',
      summary: 'Exchange an email and password for an access token',
      body: Login,
      response: { 200: AccessToken, 401: WrongCredentials, ...problems(400, 413, 415, 429, 500, 503) },
    },
    handler: async (request) => {
      const found = await accounts.findByEmail(request.body.email);
      const matches = await verifyPassword(request.body.password, found?.passwordHash ?? dummyHash);
      if (found === undefined || found.passwordHash === null || !matches) throw new HttpError(401, WRONG_CREDENTIALS);
      const accessToken = await app.jwt.sign({ sub: String(found.id) });
      return { accessToken, tokenType: 'Bearer' as const, expiresIn: expiresInSeconds };
    },
  });

  app.get('/me', {
    config: { access: 'token' },
    schema: { tags, operationId: 'me', summary: 'The account of the bearer token', response: { 200: User, ...problems(404, 429, 500, 503) } },
    handler: async (request) => {
      const user = await app.repositories.users.get(request.user.id);
      if (user === undefined) throw notFound(`User ${request.user.id}`);
      return user;
    },
  });
};

export default routes;
