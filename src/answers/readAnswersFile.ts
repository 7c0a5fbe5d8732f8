import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { ANSWERS_FILE } from '../render/render.js';
import type { AnswersFileKind, SchemaProblem } from './answersValidator.js';
import { ANSWERS_FORMAT_VERSION } from './schema.js';
import type { Answers } from './types.js';
import { formatVersionOf, upgradeAnswersFile } from './upgradeAnswersFile.js';

/** A real answers file is a few kilobytes; anything this big is a mistake, refused before it is read whole. */
export const MAX_ANSWERS_FILE_BYTES = 1024 * 1024;
/** The deepest a valid file goes is 6 levels (`/answers/resources/0/fields/0/name`). */
export const MAX_ANSWERS_FILE_DEPTH = 16;
// Keys that reach an object's prototype when code copies or indexes with them.
const prototypeKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** A problem with an answers file; `pointer` says where in it, when a key or value is to blame. */
export class AnswersFileError extends UserError {
  constructor(
    message: string,
    hint?: string,
    readonly pointer?: string,
  ) {
    super(message, hint);
    this.name = 'AnswersFileError';
  }
}

export interface AnswersFile<A> {
  /** The format the file was written in; the answers are always upgraded to the current one. */
  version: number;
  templateVersion?: string;
  answers: A;
}

/**
 * Reads, checks and upgrades an answers file. A preset may leave out any
 * answer; a project's `.scaled-api.json` holds all of them and its template
 * version. Every problem is a UserError of one line that names the file,
 * the JSON pointer and the rule.
 */
export async function readAnswersFile(path: string, label: string, kind: 'preset'): Promise<AnswersFile<Partial<Answers>>>;
export async function readAnswersFile(path: string, label: string, kind: 'project'): Promise<AnswersFile<Answers> & { templateVersion: string }>;
export async function readAnswersFile(path: string, label: string, kind: AnswersFileKind): Promise<AnswersFile<Partial<Answers>>> {
  const fail = (problem: string, hint?: string, pointer?: string): never => {
    throw new AnswersFileError(printable(`${label} ${path}${problem}`), hint, pointer);
  };
  const failAt = ({ pointer, rule, hint }: SchemaProblem): never => fail(`: ${pointer === '' ? 'the file' : pointer} ${rule}`, hint, pointer);

  const text = readText(path, label, kind, fail);
  const structure = structureProblem(text);
  if (structure) fail(`${structure}.`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    fail(` is not valid JSON: ${(error as Error).message}.`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    failAt({ pointer: '', rule: `must hold an object, { "version": ${ANSWERS_FORMAT_VERSION}, "answers": { … } } (got ${Array.isArray(data) ? 'a list' : JSON.stringify(data).slice(0, 40)})` });
  }
  const prototypeKey = findPrototypeKey(data);
  if (prototypeKey) failAt({ pointer: prototypeKey, rule: 'is not allowed: __proto__, constructor and prototype are never keys of an answers file' });

  const file = data as Record<string, unknown>;
  const version = formatVersionOf(file);
  if (Number.isInteger(version) && (version as number) > ANSWERS_FORMAT_VERSION) {
    failAt({
      pointer: '/version',
      rule: `is ${String(version)}: the file was written by a newer create-scaled-api (this one reads up to format ${ANSWERS_FORMAT_VERSION})`,
      hint: 'Run the newer version: npx create-scaled-api@latest.',
    });
  }
  const upgraded = upgradeAnswersFile(file, version);
  const { schemaProblem, duplicateNameProblem } = await import('./answersValidator.js');
  const problem = schemaProblem(upgraded, kind);
  if (problem) failAt(problem);
  const answers = upgraded.answers as Partial<Answers>;
  const duplicate = duplicateNameProblem(answers.resources);
  if (duplicate) failAt(duplicate);
  return {
    version: version as number,
    ...(typeof upgraded.templateVersion === 'string' ? { templateVersion: upgraded.templateVersion } : {}),
    answers,
  };
}

/** The answers a generated project was made with, from its `.scaled-api.json` (for `add` and `update`). */
export function readProjectAnswers(projectDir: string): Promise<AnswersFile<Answers> & { templateVersion: string }> {
  return readAnswersFile(join(projectDir, ANSWERS_FILE), 'Answers file', 'project');
}

/**
 * The file as text, read through one descriptor: no more than the limit is
 * ever read (a FIFO or /dev/zero included), and binary bytes are refused
 * before the parser sees them.
 */
function readText(path: string, label: string, kind: AnswersFileKind, fail: (problem: string, hint?: string) => never): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    const hint = kind === 'preset' ? 'Pass a JSON file, e.g. another project\'s .scaled-api.json.' : 'Run this inside a project made by create-scaled-api, or pass --dir <path>.';
    throw new UserError(printable(`Cannot read ${label.toLowerCase()} ${path} (${code}).`), hint);
  }
  const limit = `${MAX_ANSWERS_FILE_BYTES / 1024 / 1024} MB`;
  const chunks: Buffer[] = [];
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) fail(' is a folder, not a JSON file.');
    if (stat.isFile() && stat.size > MAX_ANSWERS_FILE_BYTES) fail(` is ${(stat.size / 1024 / 1024).toFixed(1)} MB; an answers file is at most ${limit}.`);
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      total += read;
      if (total > MAX_ANSWERS_FILE_BYTES) fail(` is larger than ${limit}, the most an answers file may be.`);
      chunks.push(chunk.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
  const bytes = Buffer.concat(chunks);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return fail(' is not UTF-8 text (binary?); an answers file is JSON.');
  }
  // Text decoders accept NUL and other control bytes; JSON forbids them anywhere but as escapes.
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (control) fail(` holds a control character (byte ${control.index}: U+${control[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}); an answers file is JSON text.`);
  return text;
}

/**
 * What JSON.parse lets through but an answers file must not hold: nesting
 * deeper than the limit (found before parsing, so no depth can exhaust a
 * stack), and a key twice in one object (JSON.parse keeps the last one and
 * silently drops the other).
 */
function structureProblem(text: string): string | undefined {
  // One entry per open object (its keys so far) or list (null).
  const open: Array<Set<string> | null> = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 34) {
      const start = i;
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
      const keys = open[open.length - 1];
      if (!keys) continue;
      let next = i + 1;
      while (next < text.length && ' \t\r\n'.includes(text[next]!)) next++;
      if (text[next] !== ':') continue;
      let key: string;
      try {
        key = JSON.parse(text.slice(start, i + 1)) as string;
      } catch {
        return undefined; // JSON.parse reports it
      }
      if (keys.has(key)) return `: the key ${JSON.stringify(key)} appears twice in one object (line ${line})`;
      keys.add(key);
    } else if (c === 123 || c === 91) {
      open.push(c === 123 ? new Set() : null);
      if (open.length > MAX_ANSWERS_FILE_DEPTH) return ` nests deeper than ${MAX_ANSWERS_FILE_DEPTH} levels (line ${line})`;
    } else if (c === 125 || c === 93) open.pop();
  }
  return undefined;
}

/** The JSON pointer of the first `__proto__`, `constructor` or `prototype` key, at any depth. */
function findPrototypeKey(data: unknown): string | undefined {
  const stack: Array<{ value: unknown; pointer: string }> = [{ value: data, pointer: '' }];
  while (stack.length) {
    const { value, pointer } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    for (const key of Object.keys(value)) {
      const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (prototypeKeys.has(key)) return at;
      stack.push({ value: (value as Record<string, unknown>)[key], pointer: at });
    }
  }
  return undefined;
}

/** One line a terminal shows as it is: control, bidirectional and line-breaking characters escaped. */
function printable(line: string): string {
  return line.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
