import { toggle } from './answer.js';
import type { Feature } from './types.js';

export const kubernetes: Feature = {
  id: 'k8s',
  answer: toggle({
    key: 'k8s',
    default: false,
    flag: 'Kubernetes manifests (default: off)',
    schema: 'Kubernetes manifests.',
    prompt: { label: 'Kubernetes', hint: 'Deployment, Service, HPA, PDB, Ingress' },
  }),
  parts: [
    { name: 'k8s', when: (a) => a.k8s, files: ['deploy/k8s/'] },
    // Only a database has migrations to run before a rollout.
    { name: 'k8sMigrations', when: (a) => a.db === 'postgres', files: ['deploy/k8s/migrate-job.yaml'] },
    // Only the database and Redis have credentials to keep in a Secret.
    { name: 'k8sSecret', when: (a) => a.db === 'postgres' || a.cache === 'redis', files: ['deploy/k8s/secret.example.yaml'] },
  ],
};
