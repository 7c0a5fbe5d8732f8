import { toggle } from './answer.js';
import type { Feature } from './types.js';

export const docker: Feature = {
  id: 'docker',
  answer: toggle({
    key: 'docker',
    default: true,
    flag: 'Dockerfile + docker-compose.yml (default)',
    negation: 'no Docker files',
    schema: 'Dockerfile and docker-compose.yml.',
    prompt: { label: 'Docker', hint: 'Dockerfile + docker-compose.yml' },
  }),
  parts: [{ name: 'docker', when: (a) => a.docker, files: ['Dockerfile', 'docker-compose.yml', '.dockerignore'] }],
};
