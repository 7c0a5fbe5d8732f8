// Preloaded (`node --import`) into a generated server by the per-feature cost
// cases: turns off, for the bench only, the features that have no setting of
// their own because a user has no reason to run without them. The access log
// (LOG_LEVEL=warn) and the rate limit (RATE_LIMIT_MAX=0) are real settings and
// are switched off through them instead.
//
//   BENCH_FEATURE_OFF=headers|metrics|validation node --import ./feature-off.mjs dist/main.js
//
// It reaches the app through Fastify's `fastify.initialization` diagnostics
// channel, so the generated code carries no bench knob. Each switch names the
// part it skips; if that part never shows up (the templates changed), the
// server fails to start instead of measuring nothing.
import diagnostics from 'node:diagnostics_channel';

const feature = process.env.BENCH_FEATURE_OFF;

/** A switch that drops the one hook of that name the app adds. */
function skipHook(hookName, functionName) {
  return (fastify, found) => {
    const addHook = fastify.addHook;
    fastify.addHook = function (name, fn) {
      if (name === hookName && fn?.name === functionName) {
        found();
        return this;
      }
      return addHook.call(this, name, fn);
    };
  };
}

const switches = {
  // The security headers' onRequest hook (plugins/security.ts).
  headers: skipHook('onRequest', 'sendSecurityHeaders'),
  // The request-duration histogram's onResponse hook (plugins/metrics.ts).
  metrics: skipHook('onResponse', 'observeDuration'),
  // Request validation (params, query, body): every input is accepted as sent.
  // The cached GET still works: its id only builds the cache key.
  validation(fastify, found) {
    fastify.setValidatorCompiler(() => () => true);
    found();
  },
};

if (feature !== undefined && feature !== '') {
  const apply = switches[feature];
  if (apply === undefined) throw new Error(`BENCH_FEATURE_OFF=${feature}: expected one of ${Object.keys(switches).join(', ')}`);
  diagnostics.subscribe('fastify.initialization', ({ fastify }) => {
    let matched = false;
    apply(fastify, () => {
      matched = true;
    });
    fastify.addHook('onReady', async () => {
      if (!matched) throw new Error(`BENCH_FEATURE_OFF=${feature}: the part it turns off was never registered`);
    });
  });
}
