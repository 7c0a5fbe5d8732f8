// Not performance.now(): its first use loads node:perf_hooks, close to a
// millisecond of a run that renders a whole project in about thirty.

/** A start mark for msSince. */
export function now(): bigint {
  return process.hrtime.bigint();
}

/** Milliseconds since a mark taken with now(). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
