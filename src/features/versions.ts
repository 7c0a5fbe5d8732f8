// Every dependency a generated project can get, pinned in one place so an
// upgrade is one diff, covered by the e2e suite that installs a project.
// Each is the newest release whose engines allow Node 20.19 (SPEC §1, §8).
export const versions = {
  // core
  fastify: '5.12.8',
  'fastify-plugin': '5.1.0',
  '@fastify/type-provider-typebox': '6.3.0',
  typebox: '1.4.3',
  '@fastify/swagger': '9.9.3',
  '@fastify/swagger-ui': '6.1.3',
  '@fastify/cors': '11.4.3',
  // the security headers, computed once at start (see templates/src/plugins/security.ts.hbs)
  helmet: '8.3.0',
  '@fastify/rate-limit': '11.2.0',
  // --auth jwt: HS256 access tokens (fast-jwt underneath)
  '@fastify/jwt': '10.2.8',
  // configuration: env-schema over a TypeBox schema, durations in @fastify/rate-limit's notation
  'env-schema': '8.0.0',
  '@lukeed/ms': '2.0.2',
  'prom-client': '15.1.3',
  pino: '10.4.0',
  // --db postgres: one schema and migrations folder for both drivers
  'drizzle-orm': '0.45.4',
  pg: '8.23.1',
  // the peer of @electric-sql/pglite-socket 0.2.17 (embedded mode and the local cluster)
  '@electric-sql/pglite': '0.5.14',
  '@electric-sql/pglite-socket': '0.2.17',
  // --cache redis
  ioredis: '6.0.0',
  // --tracing: the last OpenTelemetry line whose engines allow Node 20
  '@opentelemetry/api': '1.9.1',
  '@opentelemetry/sdk-node': '0.223.0',
  '@opentelemetry/instrumentation-http': '0.223.0',
  '@opentelemetry/instrumentation-pg': '0.76.0',
  '@opentelemetry/instrumentation-ioredis': '0.71.0',
  '@opentelemetry/instrumentation-pino': '0.69.0',
  '@fastify/otel': '0.21.2',
  'import-in-the-middle': '3.6.0',
  // dev
  typescript: '5.9.3',
  tsx: '4.23.15',
  vitest: '4.1.12',
  '@types/node': '20.19.43',
  '@types/pg': '8.23.1',
  'drizzle-kit': '0.31.11',
  // `npm run loadtest`
  autocannon: '9.0.0',
  '@types/autocannon': '7.12.7',
  // @apidevtools/swagger-parser 13 needs Node 22; this validates OpenAPI 3.1 on 20
  '@readme/openapi-parser': '9.0.0',
  // lints the served OpenAPI document with Redocly's recommended rules
  '@redocly/openapi-core': '2.64.0',
  // the in-memory span exporter of the generated tracing test
  '@opentelemetry/sdk-trace': '2.12.0',
} as const satisfies Record<string, string>;

export type PackageName = keyof typeof versions;
