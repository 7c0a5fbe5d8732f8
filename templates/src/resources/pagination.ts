import { MAX_ID } from '../models/common.js';
import { HttpError } from '../plugins/errors.js';

// Keyset pagination on the primary key, newest first: a page is "the next
// `limit` ids below the last one seen", which the primary key's index answers
// by reading exactly those rows, however deep the page. Ids only grow, so an
// item created while a client pages lands before its first page and never
// shifts the pages it has not read yet: no repeats, no gaps.

export interface PageRequest {
  limit: number;
  /** The id the previous page ended at; the page holds smaller ids only. */
  beforeId?: number;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

// The cursor is opaque to clients (base64url), so the sort key can change
// later without breaking them; the prefix names what it holds.
const PREFIX = 'id:';

export function encodeCursor(id: number): string {
  return Buffer.from(`${PREFIX}${id}`).toString('base64url');
}

/** The id a cursor stands for; a 400 for anything this API did not issue. */
export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const digits = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : '';
  const id = /^[1-9]\d{0,15}$/.test(digits) ? Number(digits) : NaN;
  // Re-encoding catches the alternative spellings base64url decoding forgives.
  if (!(id <= MAX_ID) || encodeCursor(id) !== cursor) {
    throw new HttpError(400, 'cursor is not one this API gave out; start again without it');
  }
  return id;
}

/**
 * A page from up to limit + 1 rows, newest first: the extra row only says
 * that another page exists, so the last page does not cost an empty request.
 */
export function pageOf<T extends { id: number }>(rows: T[], limit: number): Page<T> {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(last.id) : null };
}

/** The RFC 8288 Link header value for the next page, relative to the collection. */
export function nextLink(collectionPath: string, limit: number, nextCursor: string): string {
  const query = new URLSearchParams({ limit: String(limit), cursor: nextCursor });
  return `<${collectionPath}?${query}>; rel="next"`;
}
