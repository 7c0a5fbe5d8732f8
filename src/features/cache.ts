import { choice } from './answer.js';
import type { Feature } from './types.js';

export const cacheChoices = ['redis', 'memory', 'none'] as const;
export type Cache = (typeof cacheChoices)[number];

export const cache: Feature = {
  id: 'cache',
  answer: choice({
    key: 'cache',
    choices: cacheChoices,
    default: 'redis',
    flag: 'cache-aside backend',
    schema: 'Cache-aside on reads by id: redis (in memory when REDIS_URL is unset), memory, or none.',
    prompt: {
      kind: 'select',
      message: 'Cache-aside for reads by id',
      summary: 'cache',
      options: [
        { value: 'redis', label: 'Redis', hint: 'shared by replicas; memory when REDIS_URL is unset' },
        { value: 'memory', label: 'In-process memory' },
        { value: 'none', label: 'None' },
      ],
    },
  }),
  parts: [
    { name: 'cache', when: (a) => a.cache !== 'none', files: ['src/cache/', 'test/cache.test.ts'] },
    { name: 'redis', when: (a) => a.cache === 'redis', files: ['src/cache/redis.ts'], dependencies: ['ioredis'] },
  ],
};
