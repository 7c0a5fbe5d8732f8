import type { Counter } from 'prom-client';
import type { CacheStore } from './store.js';

export interface CacheMetrics {
  hits: Counter;
  misses: Counter;
  errors: Counter;
}

export interface CacheAsideOptions {
  /** Key prefix of this resource, e.g. "item:". */
  prefix: string;
  ttlSeconds: number;
  load: (id: number) => Promise<unknown>;
}

export interface CacheLogger {
  warn(obj: object, msg: string): void;
}

/** How often a broken cache may write a warning: one line, not one per request. */
const ERROR_LOG_INTERVAL_MS = 30_000;

/**
 * Cache-aside over one resource: read cache → load from the database on a
 * miss → store with a TTL. Concurrent misses for one key share one load, so
 * a hot key expiring cannot stampede the database. Any cache failure falls
 * back to the database (fail open), is counted and logged at most once per
 * interval.
 */
export class CacheAside {
  private readonly prefix: string;
  private readonly ttlSeconds: number;
  private readonly loadById: (id: number) => Promise<unknown>;
  private readonly inflight = new Map<string, Promise<string | undefined>>();
  private readonly hits;
  private readonly misses;
  private readonly errors;
  private lastErrorLog = 0;
  /** Bumped by every invalidation; a load that started earlier must not fill the cache. */
  private generation = 0;

  constructor(
    private readonly store: CacheStore,
    options: CacheAsideOptions,
    metrics: CacheMetrics,
    private readonly log: CacheLogger,
  ) {
    this.prefix = options.prefix;
    this.ttlSeconds = options.ttlSeconds;
    this.loadById = options.load;
    this.hits = metrics.hits.labels(store.kind);
    this.misses = metrics.misses.labels(store.kind);
    this.errors = metrics.errors.labels(store.kind);
  }

  /** Returns the cached JSON, or the loader's result serialized and cached. */
  get(id: number): string | undefined | Promise<string | undefined> {
    const key = this.prefix + id;
    // CACHE_TTL_SECONDS=0: every read from the database (replicas with no shared store stay consistent).
    if (this.ttlSeconds === 0) return this.load(key, id);
    let cached: string | undefined | Promise<string | undefined>;
    try {
      cached = this.store.get(key);
    } catch (error) {
      this.failed(error, 'get');
      return this.load(key, id);
    }
    if (typeof cached === 'string') {
      this.hits.inc();
      return cached;
    }
    if (cached === undefined) return this.miss(key, id);
    return cached.then(
      (value) => {
        if (value === undefined) return this.miss(key, id);
        this.hits.inc();
        return value;
      },
      (error: unknown) => {
        this.failed(error, 'get');
        return this.load(key, id);
      },
    );
  }

  async invalidate(id: number): Promise<void> {
    const key = this.prefix + id;
    this.generation++;
    this.inflight.delete(key);
    try {
      await this.store.delete(key);
    } catch (error) {
      // The entry may live until its TTL: the bound on staleness when the
      // cache is unreachable during a write.
      this.failed(error, 'delete');
    }
  }

  private miss(key: string, id: number): Promise<string | undefined> {
    this.misses.inc();
    return this.load(key, id);
  }

  private load(key: string, id: number): Promise<string | undefined> {
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const promise = this.loadById(id)
      .then((value) => {
        if (value === undefined) return undefined;
        const json = JSON.stringify(value);
        if (generation === this.generation && this.ttlSeconds > 0) {
          this.store.set(key, json, this.ttlSeconds).catch((error: unknown) => this.failed(error, 'set'));
        }
        return json;
      })
      .finally(() => {
        if (this.inflight.get(key) === promise) this.inflight.delete(key);
      });
    this.inflight.set(key, promise);
    return promise;
  }

  private failed(error: unknown, operation: string): void {
    this.errors.inc();
    const now = Date.now();
    if (now - this.lastErrorLog >= ERROR_LOG_INTERVAL_MS) {
      this.lastErrorLog = now;
      this.log.warn(
        { err: error, cache: this.store.kind, operation },
        'cache unavailable, serving from the database (further errors counted in cache_errors_total)',
      );
    }
  }
}
