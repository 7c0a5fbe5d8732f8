// Kept apart from sdk.ts so the app can flush spans on close without loading
// the SDK when tracing is off.
let shutdown: (() => Promise<void>) | undefined;

export function onTracingShutdown(fn: () => Promise<void>): void {
  shutdown = fn;
}

/**
 * Exports the spans still queued, giving up after `withinMs`: a collector that
 * does not answer loses the last spans rather than holding the process open.
 */
export async function shutdownTracing(withinMs: number): Promise<void> {
  const running = shutdown;
  if (!running) return;
  shutdown = undefined;
  let timer: NodeJS.Timeout | undefined;
  const giveUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, withinMs);
    timer.unref();
  });
  try {
    await Promise.race([running().catch(() => {}), giveUp]);
  } finally {
    clearTimeout(timer);
  }
}
