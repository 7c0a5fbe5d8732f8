import type { Feature } from './types.js';

// The service always exports /metrics; this feature adds what scrapes and shows it.
export const monitoring: Feature = {
  id: 'monitoring',
  enabled: (a) => a.monitoring,
  files: ['deploy/prometheus/', 'deploy/grafana/'],
  dependencies: [],
  devDependencies: [],
};
