import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { resources } from '../resources/index.js';

// The OpenAPI document is generated from the route schemas, so it cannot
// drift from what the server validates and serializes.
export default fp(
  async function openapi(app: FastifyInstance, options: { title: string; version: string; serverUrl: string }) {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: options.title,
          version: options.version,
          // Not published under an open licence until its owner says so.
          license: { name: 'Proprietary' },
        },
        servers: [{ url: options.serverUrl }],
        // No operation needs credentials; one that does declares its own
        // security, which overrides this.
        security: [],
        tags: [
          ...resources.map((r) => r.tag),
          { name: 'health', description: 'Liveness and readiness probes' },
        ],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  },
  { name: 'swagger' },
);
