import type { RouteOptions } from 'fastify';
import { Type } from 'typebox';
import { Problem } from '../models/common.js';

/** Who may call a route: anyone, or a caller with a valid bearer token. */
export type Access = 'public' | 'token';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Declared by every route of the API; see accessOf for the plugins' own routes. */
    access?: Access;
  }
}

/** The OpenAPI name of the bearer scheme (components.securitySchemes). */
export const BEARER_SCHEME = 'bearerAuth';

export const securitySchemes = {
  [BEARER_SCHEME]: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An accessToken from POST /auth/login' },
} as const;

// Routes that plugins register (probes, metrics, the OpenAPI document and its
// UI) cannot declare an access of their own; these prefixes are public.
const PUBLIC_PREFIXES = ['/health', '/metrics', '/docs'];

const Unauthorized = Type.Object(Problem.properties, {
  description: 'No bearer token, or one that is malformed, expired, signed with another secret or for an account that no longer exists',
});

/**
 * The access of a route: what it declares, else public for the plugins'
 * routes above, else a token. A route that forgets to declare is closed,
 * not open.
 */
export function accessOf(route: Pick<RouteOptions, 'url' | 'config'>): Access {
  const declared = (route.config as { access?: Access } | undefined)?.access;
  if (declared !== undefined) return declared;
  return PUBLIC_PREFIXES.some((prefix) => route.url === prefix || route.url.startsWith(`${prefix}/`)) ? 'public' : 'token';
}

/**
 * Writes the route's access into its config (what the hook reads) and, for
 * a route that needs a token, the bearer scheme and the 401 into its schema
 * (what the OpenAPI document shows).
 */
export function declareAccess(route: RouteOptions): void {
  const access = accessOf(route);
  route.config = { ...route.config, access };
  if (access !== 'token' || route.schema === undefined) return;
  route.schema = {
    ...route.schema,
    security: [{ [BEARER_SCHEME]: [] }],
    response: { ...(route.schema.response as object | undefined), 401: Unauthorized },
  };
}
