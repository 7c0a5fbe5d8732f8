import type { Page, PageRequest } from './pagination.js';

/**
 * What the routes of a resource need from its storage. create, replace and
 * patch throw ConflictError when a unique field's value is taken.
 */
export interface Repository<Entity, Create, Patch> {
  list(page: PageRequest): Promise<Page<Entity>>;
  get(id: number): Promise<Entity | undefined>;
  create(input: Create): Promise<Entity>;
  replace(id: number, input: Create): Promise<Entity | undefined>;
  patch(id: number, input: Patch): Promise<Entity | undefined>;
  remove(id: number): Promise<boolean>;
}

export class ConflictError extends Error {
  readonly statusCode = 409;
}

/** The fields a request gave: PATCH leaves the others undefined, which must not overwrite anything. */
export function givenFields<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
