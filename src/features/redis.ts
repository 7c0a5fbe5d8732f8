import type { Feature } from './types.js';

export const redis: Feature = {
  id: 'redis',
  enabled: (a) => a.cache === 'redis',
  files: [],
  dependencies: ['ioredis'],
  devDependencies: [],
};
