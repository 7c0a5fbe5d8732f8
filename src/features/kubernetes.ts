import type { Feature } from './types.js';

export const kubernetes: Feature = {
  id: 'k8s',
  enabled: (a) => a.k8s,
  files: ['deploy/k8s/'],
  dependencies: [],
  devDependencies: [],
};
