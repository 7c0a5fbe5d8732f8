import { toggle } from './answer.js';
import type { Feature } from './types.js';

export const tracing: Feature = {
  id: 'tracing',
  answer: toggle({
    key: 'tracing',
    default: true,
    flag: 'OpenTelemetry traces over OTLP, a collector and Jaeger (default)',
    negation: 'no OpenTelemetry tracing',
    schema: 'OpenTelemetry tracing over OTLP, started when OTEL_EXPORTER_OTLP_ENDPOINT is set; collector and Jaeger in docker-compose.',
    prompt: { label: 'Tracing', hint: 'OpenTelemetry SDK, OTLP exporter, collector + Jaeger' },
  }),
  parts: [
    {
      name: 'tracing',
      when: (a) => a.tracing,
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
    },
    // The collector and Jaeger run in docker-compose; elsewhere (k8s, a laptop)
    // the service is pointed at whatever collector is there.
    {
      name: 'tracingCompose',
      when: (a) => a.tracing && a.docker,
      files: ['deploy/otel-collector/', 'deploy/grafana/provisioning/datasources/jaeger.yml'],
    },
    { name: 'tracingDatabase', when: (a) => a.tracing && a.db === 'postgres', dependencies: ['@opentelemetry/instrumentation-pg'] },
    { name: 'tracingRedis', when: (a) => a.tracing && a.cache === 'redis', dependencies: ['@opentelemetry/instrumentation-ioredis'] },
  ],
};
