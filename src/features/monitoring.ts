import { toggle } from './answer.js';
import type { Feature } from './types.js';

// The service always exports /metrics; this feature adds what scrapes and shows it.
export const monitoring: Feature = {
  id: 'monitoring',
  answer: toggle({
    key: 'monitoring',
    default: true,
    flag: 'Prometheus + Grafana configs (default)',
    negation: 'no monitoring configs',
    schema: 'Prometheus scrape config, alert rules and a Grafana dashboard.',
    prompt: { label: 'Monitoring', hint: 'Prometheus scrape, alert rules, Grafana dashboard' },
  }),
  parts: [{ name: 'monitoring', when: (a) => a.monitoring, files: ['deploy/prometheus/', 'deploy/grafana/'] }],
};
