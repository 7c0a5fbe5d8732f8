import { createHash } from 'node:crypto';
import type { Answers } from '../answers/types.js';
import { choice } from './answer.js';
import type { Feature } from './types.js';

export const authChoices = ['jwt', 'none'] as const;
export type Auth = (typeof authChoices)[number];

export const auth: Feature = {
  id: 'auth',
  answer: choice({
    key: 'auth',
    choices: authChoices,
    default: 'jwt',
    flag: 'accounts and JWT bearer tokens; writes need a token',
    schema: 'Authentication: jwt gives accounts (the users resource, scrypt-hashed passwords), /auth/register, /auth/login and /auth/me, and bearer tokens that writes need; none leaves every route open.',
    prompt: {
      kind: 'select',
      message: 'Authentication',
      summary: 'auth',
      options: [
        { value: 'jwt', label: 'Accounts + JWT', hint: 'writes need a bearer token; reads stay public' },
        { value: 'none', label: 'None', hint: 'every route open' },
      ],
    },
  }),
  parts: [
    {
      name: 'auth',
      when: (a) => a.auth === 'jwt',
      files: ['src/auth/', 'test/auth.test.ts', 'test/access.test.ts', 'test/passwords.test.ts'],
      dependencies: ['@fastify/jwt'],
    },
  ],
  // .env.example's JWT_SECRET: derived from the name, so a render stays pure
  // (update compares renders); a development value, which production replaces.
  context: (answers) => ({ devJwtSecret: createHash('sha256').update(`create-scaled-api development secret of ${answers.name}`).digest('base64url') }),
};

/**
 * Why these answers cannot have accounts: auth signs in the `users`
 * resource by its unique email, so that resource and field must be there.
 */
export function accountsProblem(answers: Answers): { problem: string; hint: string } | undefined {
  if (answers.auth === 'none') {
    const closed = answers.resources.find((r) => r.private === true);
    return closed === undefined ? undefined : { problem: `Resource ${closed.name} is private (reads need a token), and --auth none gives no tokens.`, hint: 'Use --auth jwt, or drop "private" from the resource.' };
  }
  const users = answers.resources.find((r) => r.name === 'users');
  const email = users?.fields.find((f) => f.name === 'email');
  if (email?.type === 'email' && email.unique === true && email.optional !== true) return undefined;
  return {
    problem: users === undefined ? '--auth jwt keeps its accounts in a users resource, and the resources list has none.' : '--auth jwt signs users in by email, and the users resource has no required unique email field ("email:email!").',
    hint: 'Keep the default users resource, or pass --auth none.',
  };
}
