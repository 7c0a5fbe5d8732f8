import type { Feature } from './types.js';

/** Node.js major of the Docker image and CI of generated projects: the active LTS. */
export const NODE_MAJOR = 26;

// The service itself: always on.
export const core: Feature = {
  id: 'core',
  parts: [
    {
      name: 'core',
      when: () => true,
      dependencies: ['fastify', 'fastify-plugin', '@fastify/type-provider-typebox', 'typebox', '@fastify/swagger', '@fastify/swagger-ui', '@fastify/cors', 'helmet', '@fastify/rate-limit', 'env-schema', '@lukeed/ms', 'prom-client', 'pino'],
      devDependencies: ['typescript', 'tsx', 'vitest', '@types/node', '@readme/openapi-parser', '@redocly/openapi-core', 'autocannon', '@types/autocannon'],
    },
  ],
  context: () => ({ nodeMajor: NODE_MAJOR }),
};
