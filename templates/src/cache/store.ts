// A cache store holds serialized JSON: a hit is written to the socket as-is,
// skipping parse and re-serialization on the hottest path.
export interface CacheStore {
  readonly kind: 'memory' | 'redis';
  /** May answer synchronously (memory) to spare a promise on a hit. */
  get(key: string): string | undefined | Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
