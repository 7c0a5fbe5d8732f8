import type { Feature } from './types.js';

// Everything create-scaled-api knows about --[no-]tracing: the flag, the
// prompt, the values validate tries, the files and the packages.

export const tracingFlag = {
  long: 'tracing',
  description: 'OpenTelemetry traces over OTLP, a collector and Jaeger (default)',
  negation: 'no OpenTelemetry tracing',
} as const;

export const tracingPrompt = { label: 'Tracing', hint: 'OpenTelemetry SDK, OTLP exporter, collector + Jaeger', on: true } as const;

/** Values `validate --matrix` tries, the default first. */
export const tracingValues = [true, false] as const;

export const tracing: Feature = {
  id: 'tracing',
  enabled: (a) => a.tracing,
  files: ['src/tracing.ts', 'src/tracing/', 'scripts/tracing-dev.mjs', 'test/tracing.test.ts', 'test/tracing-setup.ts'],
  // import-in-the-middle is the ESM loader hook the instrumentations need;
  // it is a direct dependency because src/tracing.ts registers it.
  dependencies: [
    '@opentelemetry/api',
    '@opentelemetry/sdk-node',
    '@opentelemetry/instrumentation-http',
    '@opentelemetry/instrumentation-pino',
    '@fastify/otel',
    'import-in-the-middle',
  ],
  devDependencies: ['@opentelemetry/sdk-trace'],
};

// The collector and Jaeger run in docker-compose; elsewhere (k8s, a laptop)
// the service is pointed at whatever collector is there.
export const tracingCompose: Feature = {
  id: 'tracing-compose',
  enabled: (a) => a.tracing && a.docker,
  files: ['deploy/otel-collector/', 'deploy/grafana/provisioning/datasources/jaeger.yml'],
  dependencies: [],
  devDependencies: [],
};

export const tracingDatabase: Feature = {
  id: 'tracing-database',
  enabled: (a) => a.tracing && a.db === 'postgres',
  files: [],
  dependencies: ['@opentelemetry/instrumentation-pg'],
  devDependencies: [],
};

export const tracingRedis: Feature = {
  id: 'tracing-redis',
  enabled: (a) => a.tracing && a.cache === 'redis',
  files: [],
  dependencies: ['@opentelemetry/instrumentation-ioredis'],
  devDependencies: [],
};
