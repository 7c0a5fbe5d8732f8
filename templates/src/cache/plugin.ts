import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { CacheAside } from './cache-aside.js';
import type { CacheStore } from './store.js';

declare module 'fastify' {
  interface FastifyInstance {
    cache: {
      store: CacheStore;
      items: CacheAside;
      users: CacheAside;
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
    const { items, users } = app.repositories;
    app.decorate('cache', {
      store,
      items: new CacheAside(store, { prefix: 'item:', ttlSeconds, load: (id) => items.get(id) }, metrics, app.log),
      users: new CacheAside(store, { prefix: 'user:', ttlSeconds, load: (id) => users.get(id) }, metrics, app.log),
    });
    app.addHook('onClose', async () => {
      await store.close();
    });
  },
  { name: 'cache', dependencies: ['metrics', 'repositories'] },
);
