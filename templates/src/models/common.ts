import { Type, type Static, type TObjectOptions, type TSchema } from 'typebox';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

// Ids are bigint columns whose sequence stops at 2^53 - 1, the largest
// integer a JavaScript number (and JSON in most clients) holds exactly.
export const MAX_ID = Number.MAX_SAFE_INTEGER;

// Optional(...) matters: a property with a default that is not Optional is
// "required" in JSON Schema, and the OpenAPI document would demand it.
export const PageQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })),
  // Checked by decodeCursor: the schema only bounds its length.
  cursor: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, description: 'The nextCursor of the previous page, as it was given' }),
  ),
});
export type PageQuery = Static<typeof PageQuery>;

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: MAX_ID }) });

export function Page<T extends TSchema>(item: T, options?: TObjectOptions) {
  return Type.Object({
    data: Type.Array(item),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as ?cursor= for the next page; null on the last page',
    }),
  }, options);
}

// RFC 9457 problem details; requestId lets a client quote the log line.
export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.Optional(Type.String()),
  instance: Type.Optional(Type.String()),
  requestId: Type.Optional(Type.String()),
  errors: Type.Optional(
    Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
  ),
});
export type Problem = Static<typeof Problem>;

// Why each status can happen, as the OpenAPI document tells clients; a route
// lists the ones it can answer with `problems(...)`.
const PROBLEM_CAUSES = {
  400: 'The parameters, query or body do not match the schema (the problem lists each error)',
  404: 'No such resource, or no such route',
  409: 'A unique value is already taken',
  413: 'The body is larger than the configured limit',
  415: 'The body is not application/json',
  429: 'Too many requests from this client; retry after the time in Retry-After',
  500: 'An unexpected error; the requestId finds its log line',
  503: 'A dependency is unavailable or the service is shutting down; retry shortly',
} as const;
export type ProblemStatus = keyof typeof PROBLEM_CAUSES;

/** The problem+json responses of a route, each documented with its cause. */
export function problems<const S extends ProblemStatus>(...statuses: S[]): { [K in S]: typeof Problem } {
  return Object.fromEntries(
    statuses.map((status) => [status, Type.Object(Problem.properties, { description: PROBLEM_CAUSES[status] })]),
  ) as { [K in S]: typeof Problem };
}
