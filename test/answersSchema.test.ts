import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { schemaProblem } from '../src/answers/answersValidator.js';
import { readAnswersFile, readProjectAnswers } from '../src/answers/readAnswersFile.js';
import { ANSWERS_FORMAT_VERSION, answersSchemaText, buildAnswersSchema } from '../src/answers/schema.js';
import { type Answers, cacheChoices, ciChoices, dbChoices, defaultAnswers, defaultResources, fieldTypes, MAX_REPLICAS, MIN_REPLICAS, pmChoices } from '../src/answers/types.js';
import { upgradeAnswersFile } from '../src/answers/upgradeAnswersFile.js';
import { loadTemplates } from '../src/render/loadTemplates.js';
import { answersFileContents, render } from '../src/render/render.js';
import { answersFileCheck } from '../src/validate/checks/answersFile.js';
import { repoRoot, templatesDir, useTempDir } from './helpers.js';

const tempDir = useTempDir('csa-answers-schema-');
const full: Answers = { ...defaultAnswers, name: 'my-api', pm: 'npm' };
const preset = (answers: object, extra: object = {}) => ({ version: ANSWERS_FORMAT_VERSION, ...extra, answers });

async function fileWith(contents: unknown): Promise<string> {
  const path = join(await tempDir(), 'answers.json');
  await writeFile(path, typeof contents === 'string' ? contents : JSON.stringify(contents));
  return path;
}
const problemOf = async (contents: unknown, kind: 'preset' | 'project' = 'preset') =>
  readAnswersFile(await fileWith(contents), 'Preset', kind as 'preset').then(
    () => undefined,
    (error: Error) => error.message.replace(/^Preset \S+?\.json/, 'Preset p.json'),
  );

describe('the answers schema', () => {
  it('schemas/answers.schema.json is what src/answers/schema.ts builds (run `npm run schema` after changing it)', async () => {
    expect(await readFile(join(repoRoot, 'schemas/answers.schema.json'), 'utf8')).toBe(answersSchemaText());
  });

  it('is a valid draft 2020-12 schema that ajv compiles in strict mode', () => {
    const ajv = new Ajv2020({ strict: true });
    expect(ajv.validateSchema(buildAnswersSchema()), JSON.stringify(ajv.errors)).toBe(true);
    expect(() => ajv.compile(buildAnswersSchema())).not.toThrow();
  });

  it('documents every answer with its type and a description, and the defaults the CLI uses', () => {
    const answers = (buildAnswersSchema().$defs as Record<string, { properties: Record<string, Record<string, unknown>> }>).answers!.properties;
    expect(Object.keys(answers).sort()).toEqual(Object.keys(full).sort());
    for (const [key, schema] of Object.entries(answers)) {
      expect(schema.type, key).toBeTypeOf('string');
      expect(schema.description, key).toBeTypeOf('string');
      if (key in defaultAnswers) expect(schema.default, key).toEqual(defaultAnswers[key as keyof typeof defaultAnswers]);
    }
  });

  it('accepts every value the flags accept, and nothing past them', () => {
    for (const [key, choices] of [['db', dbChoices], ['cache', cacheChoices], ['ci', ciChoices], ['pm', pmChoices]] as const) {
      for (const value of choices) expect(schemaProblem(preset({ [key]: value }), 'preset'), `${key}=${value}`).toBeUndefined();
      expect(schemaProblem(preset({ [key]: 'other' }), 'preset')?.rule).toBe(`must be one of ${choices.join(', ')} (got "other")`);
    }
    for (const replicas of [MIN_REPLICAS, MAX_REPLICAS]) expect(schemaProblem(preset({ replicas }), 'preset')).toBeUndefined();
    expect(schemaProblem(preset({ replicas: MIN_REPLICAS - 1 }), 'preset')).toEqual({ pointer: '/answers/replicas', rule: `must be ≥ ${MIN_REPLICAS} (got 0)` });
    expect(schemaProblem(preset({ replicas: 2.5 }), 'preset')?.rule).toBe('must be a whole number (got 2.5)');
    const withField = (field: object) => preset({ resources: [{ name: 'orders', fields: [field] }] });
    for (const type of fieldTypes) expect(schemaProblem(withField({ name: 'total', type }), 'preset'), type).toBeUndefined();
  });

  it('docs/answers.md has a row for every answer', async () => {
    const docs = await readFile(join(repoRoot, 'docs/answers.md'), 'utf8');
    for (const key of Object.keys(full)) expect(docs, key).toContain(`| \`${key}\` |`);
  });

  it('accepts what create writes, $schema included, as a complete project file', () => {
    expect(schemaProblem(JSON.parse(answersFileContents(full, '1.2.3')), 'project')).toBeUndefined();
  });
});

describe('readAnswersFile', () => {
  it('reads a project file of the current format as it is', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '.scaled-api.json'), answersFileContents(full, '1.2.3'));
    expect(await readProjectAnswers(dir)).toEqual({ version: 3, templateVersion: '1.2.3', answers: full });
  });

  it('says what to do in a folder that is not a generated project', async () => {
    const dir = await tempDir();
    await expect(readProjectAnswers(dir)).rejects.toMatchObject({
      message: `Cannot read answers file ${join(dir, '.scaled-api.json')} (ENOENT).`,
      hint: 'Run this inside a project made by create-scaled-api, or pass --dir <path>.',
    });
  });

  it('upgrades a format-1 file (no version, no resources) by adding the default resources', async () => {
    const { resources: _, ...withoutResources } = full;
    const file = await readAnswersFile(await fileWith({ templateVersion: '0.1.0', answers: withoutResources }), 'Answers file', 'project');
    expect(file.version).toBe(1);
    expect(file.answers.resources).toEqual(defaultResources);
  });

  it('upgrades a format-2 file, written before auth, to auth none: the project it describes is open', async () => {
    const { auth: _, ...withoutAuth } = full;
    const file = await readAnswersFile(await fileWith({ version: 2, templateVersion: '0.1.0', answers: withoutAuth }), 'Answers file', 'project');
    expect(file.answers).toEqual({ ...withoutAuth, auth: 'none' });
    expect(upgradeAnswersFile({ version: 2, answers: { auth: 'jwt' } }, 2)).toEqual({ version: 3, answers: { auth: 'jwt' } });
  });

  it('keeps the resources a format-1 file already lists, and leaves what it does not know for the schema', () => {
    const orders = [{ name: 'orders', fields: [{ name: 'total', type: 'number' }] }];
    expect(upgradeAnswersFile({ answers: { resources: orders } }, 1)).toEqual({ version: 3, answers: { resources: orders, auth: 'none' } });
    expect(upgradeAnswersFile({ answers: 'x' }, 1)).toEqual({ version: 3, answers: 'x' });
    expect(upgradeAnswersFile({ version: 'x' }, 'x')).toEqual({ version: 'x' });
  });

  it('reads a partial preset without filling in defaults (flags and prompts decide the rest)', async () => {
    expect((await readAnswersFile(await fileWith(preset({ db: 'none' })), 'Preset', 'preset')).answers).toEqual({ db: 'none' });
  });

  it('a project file needs every answer and its template version', async () => {
    const { pm: _, ...withoutPm } = full;
    expect(await problemOf(preset(withoutPm, { templateVersion: '1.0.0' }), 'project')).toBe('Preset p.json: /answers is missing "pm"');
    expect(await problemOf(preset(full), 'project')).toBe('Preset p.json: the file is missing "templateVersion"');
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a %s key at the top, in the answers and inside a field', async (key) => {
    const rule = 'is not allowed: __proto__, constructor and prototype are never keys of an answers file';
    expect(await problemOf(`{"${key}": {"polluted": true}, "answers": {}}`)).toBe(`Preset p.json: /${key} ${rule}`);
    expect(await problemOf(`{"answers": {"db": "none", "${key}": {"polluted": true}}}`)).toBe(`Preset p.json: /answers/${key} ${rule}`);
    const field = `{"name": "total", "type": "number", "${key}": {"polluted": true}}`;
    expect(await problemOf(`{"answers": {"resources": [{"name": "orders", "fields": [${field}]}]}}`)).toBe(
      `Preset p.json: /answers/resources/0/fields/0/${key} ${rule}`,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses names the generated code could not hold: reserved, duplicated or path-like', async () => {
    const resources = (...list: object[]) => preset({ resources: list });
    const orders = { name: 'orders', fields: [{ name: 'total', type: 'number' }] };
    expect(await problemOf(resources(orders, orders))).toBe('Preset p.json: /answers/resources/1/name repeats the name of /answers/resources/0 ("orders")');
    expect(await problemOf(resources({ name: 'constructor', fields: orders.fields }))).toMatch(/^Preset p\.json: \/answers\/resources\/0\/name must not be one of constructor, prototype/);
    expect(await problemOf(resources({ name: 'orders', fields: [{ name: 'id', type: 'integer' }] }))).toMatch(/\/fields\/0\/name must not be one of id, createdAt/);
    expect(await problemOf(resources({ name: '../orders', fields: orders.fields }))).toMatch(/\/resources\/0\/name must be plural, lowercase words joined by "-"/);
    expect(await problemOf(preset({ name: '../../etc' }))).toMatch(/^Preset p\.json: \/answers\/name must be a valid npm package name/);
    expect(await problemOf(resources({ name: 'orders', fields: [{ name: 'note', type: 'text', minimum: 0 }] }))).toBe(
      'Preset p.json: /answers/resources/0/fields/0 has "minimum", which needs type integer or number (got "text")',
    );
  });

  it('names an unknown key, with the nearest known one', async () => {
    const error = await readAnswersFile(await fileWith(preset({ dbb: 'none' })), 'Preset', 'preset').catch((e: { message: string; hint: string }) => e);
    expect(error).toMatchObject({ message: expect.stringMatching(/: \/answers\/dbb is not a known key$/), hint: expect.stringMatching(/^Did you mean "db"\? Known keys here: name, db,/) });
  });

  it('tells a repeated key from the same key in another object, or a key-like string inside a value', async () => {
    const text = '{"$schema": "a \\"db\\": b", "version": 2, "answers": {"resources": [{"name": "orders", "fields": [{"name": "name", "type": "string"}]}]}}';
    expect(await problemOf(text)).toBeUndefined();
    expect(await problemOf('{"version": 2, "answers": {"resources": [{"name": "orders", "fields": [], "name": "x"}]}}')).toBe(
      'Preset p.json: the key "name" appears twice in one object (line 1).',
    );
  });

  it('refuses a file of a newer format, and a version that is not a whole number', async () => {
    expect(await problemOf({ version: 4, answers: {} })).toMatch(/^Preset p\.json: \/version is 4: the file was written by a newer create-scaled-api/);
    expect(await problemOf({ version: '2', answers: {} })).toBe('Preset p.json: /version must be a whole number (got "2")');
  });
});

describe('the validate check of answers files', () => {
  const run = async (contents: string) => {
    const dir = await tempDir();
    await writeFile(join(dir, '.scaled-api.json'), contents);
    const project = { dir, files: [{ path: '.scaled-api.json', contents, mode: 0o644 }], sources: new Map<string, string>() };
    return answersFileCheck.run({ project, memo: new Map(), combinationIndex: 1, tools: {} as never, verbose: false });
  };

  it('passes what create writes, and every shipped preset', async () => {
    expect(await run(answersFileContents(full, '1.2.3'))).toEqual({ status: 'passed', findings: [] });
  });

  it('fails a .scaled-api.json that breaks the schema, naming the pointer and the rule', async () => {
    const broken = answersFileContents({ ...full, replicas: 65 }, '1.2.3');
    const line = broken.split('\n').findIndex((l) => l.includes('"replicas"')) + 1;
    expect(await run(broken)).toEqual({ status: 'failed', findings: [{ file: '.scaled-api.json', line, message: '/answers/replicas must be ≤ 64 (got 65)' }] });
  });

  it('the shipped presets render', async () => {
    const dir = join(repoRoot, 'schemas/presets');
    const names = (await readdir(dir)).filter((n) => n.endsWith('.json'));
    expect(names.length).toBeGreaterThanOrEqual(2);
    for (const name of names) {
      const { answers } = await readAnswersFile(join(dir, name), 'Preset', 'preset');
      const paths = render({ ...full, ...answers }, await loadTemplates(templatesDir), '1.2.3').map((f) => f.path);
      expect(paths, name).toContain('src/app.ts');
    }
  });
});
