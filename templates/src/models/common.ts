import { Type, type Static, type TSchema } from 'typebox';

export const MAX_PAGE_SIZE = 100;

// Optional(...) matters: a property with a default that is not Optional is
// "required" in JSON Schema, and the OpenAPI document would demand it.
export const PageQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});
export type PageQuery = Static<typeof PageQuery>;

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    data: Type.Array(item),
    limit: Type.Integer(),
    offset: Type.Integer(),
    total: Type.Integer(),
  });
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
