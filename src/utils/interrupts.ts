// Work that must be undone if the user presses Ctrl-C mid-step (a temp
// folder, a child server). Handlers run synchronously: after SIGINT there is
// no later tick to rely on.
const handlers = new Set<() => void>();

export function onInterrupt(handler: () => void): () => void {
  handlers.add(handler);
  return () => handlers.delete(handler);
}

export function runInterruptHandlers(): void {
  for (const handler of [...handlers].reverse()) {
    try {
      handler();
    } catch {
      // Best effort: the process is about to exit either way.
    }
  }
  handlers.clear();
}
