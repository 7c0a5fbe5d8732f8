import type { Feature } from './types.js';

export const cache: Feature = {
  id: 'cache',
  enabled: (a) => a.cache !== 'none',
  files: ['src/cache/'],
  dependencies: [],
  devDependencies: [],
};
