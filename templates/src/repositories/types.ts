import type { PageQuery } from '../models/common.js';
import type { CreateItem, Item, PatchItem } from '../models/item.js';
import type { CreateUser, PatchUser, User } from '../models/user.js';

export interface Page<T> {
  data: T[];
  limit: number;
  offset: number;
  total: number;
}

export type PageRequest = Required<PageQuery>;

export interface ItemRepository {
  list(page: PageRequest): Promise<Page<Item>>;
  get(id: number): Promise<Item | undefined>;
  create(input: CreateItem): Promise<Item>;
  replace(id: number, input: CreateItem): Promise<Item | undefined>;
  patch(id: number, input: PatchItem): Promise<Item | undefined>;
  remove(id: number): Promise<boolean>;
}

/** create/replace/patch throw ConflictError when the email is taken. */
export interface UserRepository {
  list(page: PageRequest): Promise<Page<User>>;
  get(id: number): Promise<User | undefined>;
  create(input: CreateUser): Promise<User>;
  replace(id: number, input: CreateUser): Promise<User | undefined>;
  patch(id: number, input: PatchUser): Promise<User | undefined>;
  remove(id: number): Promise<boolean>;
}

export interface Repositories {
  items: ItemRepository;
  users: UserRepository;
}

export class ConflictError extends Error {
  readonly statusCode = 409;
}
