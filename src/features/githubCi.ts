import type { Feature } from './types.js';

export const githubCi: Feature = {
  id: 'github-ci',
  enabled: (a) => a.ci === 'github',
  files: ['.github/'],
  dependencies: [],
  devDependencies: [],
};
