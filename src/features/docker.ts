import type { Feature } from './types.js';

export const docker: Feature = {
  id: 'docker',
  enabled: (a) => a.docker,
  files: ['Dockerfile', 'docker-compose.yml', '.dockerignore'],
  dependencies: [],
  devDependencies: [],
};
