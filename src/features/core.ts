import type { Feature } from './types.js';

// The service itself: always on.
export const core: Feature = {
  id: 'core',
  enabled: () => true,
  files: [],
  dependencies: ['fastify', 'fastify-plugin', '@fastify/type-provider-typebox', 'typebox', '@fastify/swagger', '@fastify/swagger-ui', '@fastify/cors', 'helmet', '@fastify/rate-limit', 'env-schema', '@lukeed/ms', 'prom-client', 'pino'],
  devDependencies: ['typescript', 'tsx', 'vitest', '@types/node', '@readme/openapi-parser', '@redocly/openapi-core', 'autocannon', '@types/autocannon'],
};
