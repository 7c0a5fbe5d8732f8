// `npm run dev` loads tracing through this file rather than src/tracing.ts
// itself: worker threads (the embedded database, pino's log writer) inherit
// --import but not tsx, so they could not even parse a .ts entry. Only the
// main thread serves requests, so only it loads the TypeScript source.
import { isMainThread } from 'node:worker_threads';

if (isMainThread) await import('../src/tracing.ts');
