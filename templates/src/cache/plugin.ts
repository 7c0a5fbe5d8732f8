import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { resources, type ResourceKey } from '../resources/index.js';
import { CacheAside } from './cache-aside.js';
import type { CacheStore } from './store.js';

declare module 'fastify' {
  interface FastifyInstance {
    cache: {
      store: CacheStore;
      /** Cache-aside over each resource's reads by id. */
      resources: Record<ResourceKey, CacheAside>;
    };
  }
}

export interface CachePluginOptions {
  store: CacheStore;
  ttlSeconds: number;
}

export default fp(
  async function cache(app: FastifyInstance, options: CachePluginOptions) {
    const { store, ttlSeconds } = options;
    const metrics = {
      hits: app.metrics.cacheHits,
      misses: app.metrics.cacheMisses,
      errors: app.metrics.cacheErrors,
    };
    const byResource = Object.fromEntries(
      resources.map((r) => {
        const repository = app.repositories[r.key];
        const load = (id: number) => repository.get(id);
        return [r.key, new CacheAside(store, { prefix: r.cachePrefix, ttlSeconds, load }, metrics, app.log)];
      }),
    ) as Record<ResourceKey, CacheAside>;
    app.decorate('cache', { store, resources: byResource });
    app.addHook('onClose', async () => {
      await store.close();
    });
  },
  { name: 'cache', dependencies: ['metrics', 'repositories'] },
);
