import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaProblem } from '../src/answers/answersValidator.js';
import { quick, runCli, useTempDir } from './helpers.js';

const tempDir = useTempDir('csa-hostile-');

const deep = (levels: number) => `{"answers":${'['.repeat(levels)}${']'.repeat(levels)}}`;
const rule = 'is not allowed: __proto__, constructor and prototype are never keys of an answers file';

// What a careless or hostile preset can hold, and the one line each must give.
const cases: Array<[string, string | Buffer, string]> = [
  ['a __proto__ key among the answers', '{"answers":{"db":"postgres","__proto__":{"x":1}}}', `/answers/__proto__ ${rule}`],
  ['a constructor key at the top', '{"constructor":{"prototype":{"x":1}},"answers":{}}', `/constructor ${rule}`],
  ['a prototype key inside a resource', '{"answers":{"resources":[{"name":"orders","prototype":{},"fields":[]}]}}', `/answers/resources/0/prototype ${rule}`],
  ['a string for replicas', '{"answers":{"replicas":"3"}}', '/answers/replicas must be a whole number (got "3")'],
  ['a list for monitoring', '{"answers":{"monitoring":[true]}}', '/answers/monitoring must be true or false (got a list)'],
  ['an object for the answers', '{"answers":[]}', '/answers must be an object (got a list)'],
  ['a list at the top', '[{"answers":{}}]', 'the file must hold an object, { "version": 3, "answers": { … } } (got a list)'],
  ['null at the top', 'null', 'the file must hold an object, { "version": 3, "answers": { … } } (got null)'],
  ['a string at the top', '"postgres"', 'the file must hold an object, { "version": 3, "answers": { … } } (got "postgres")'],
  ['a path as the name', '{"answers":{"name":"../../outside"}}', '/answers/name must be a valid npm package name (lowercase letters, digits, "-", "." or "_", optionally @scope/) (got "../../outside")'],
  ['a path as a resource name', '{"answers":{"resources":[{"name":"../src","fields":[{"name":"a","type":"string"}]}]}}', '/answers/resources/0/name must be plural, lowercase words joined by "-" (orders, line-items) (got "../src")'],
  ['an unknown field type', '{"answers":{"resources":[{"name":"orders","fields":[{"name":"total","type":"money"}]}]}}', '/answers/resources/0/fields/0/type must be one of string, text, integer, number, boolean, datetime, email (got "money")'],
  ['a terminal escape in a value', '{"answers":{"db":"\\u001b[2Jx"}}', '/answers/db must be one of postgres, none (got "\\u001b[2Jx")'],
  ['a template version that is a path', '{"version":2,"templateVersion":"file:../evil","answers":{}}', '/templateVersion must be a version such as 1.2.3 (got "file:../evil")'],
  ['5,000 levels of nesting', deep(5000), ' nests deeper than 16 levels (line 1).'],
  ['a key twice (JSON.parse would keep the last)', '{"answers":{\n  "db":"none",\n  "db":"postgres"}}', ': the key "db" appears twice in one object (line 3).'],
  ['a number too large for a double', '{"answers":{"replicas":1e400}}', '/answers/replicas must be a whole number (got a number too large)'],
  ['binary bytes', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x00, 0x22, 0x7d]), ' is not UTF-8 text (binary?); an answers file is JSON.'],
  ['a NUL byte after the JSON', '{"answers":{}}\u0000', ' holds a control character (byte 14: U+0000); an answers file is JSON text.'],
  ['a 10 MB file', `{"answers":{},"padding":"${'a'.repeat(10 * 1024 * 1024)}"}`, ' is 10.0 MB; an answers file is at most 1 MB.'],
];

describe('a hostile or broken preset', () => {
  it.each(cases)('%s: exit 2, one line, nothing written', async (_, contents, expected) => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'p.json'), contents);
    const r = await runCli(['out', '--yes', ...quick, '--preset', 'p.json'], { cwd });
    expect(r.exitCode, r.stderr).toBe(2);
    const where = /^[ :]/.test(expected) ? '' : ': ';
    expect(r.stderr).toBe(`Error: Preset p.json${where}${expected}`);
    expect(r.stdout).toBe('');
    expect(await readdir(cwd)).toEqual(['p.json']);
  });

  it('a folder, or a device that never ends, is refused without reading it whole', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'p.json'));
    const folder = await runCli(['out', '--yes', ...quick, '--preset', 'p.json'], { cwd });
    expect([folder.exitCode, folder.stderr]).toEqual([2, 'Error: Preset p.json is a folder, not a JSON file.']);
    const endless = await runCli(['out', '--yes', ...quick, '--preset', '/dev/zero'], { cwd });
    expect([endless.exitCode, endless.stderr]).toEqual([2, 'Error: Preset /dev/zero is larger than 1 MB, the most an answers file may be.']);
    expect(await readdir(cwd)).toEqual(['p.json']);
  });

  it('bare answers (the old shape) are refused with where they go', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'p.json'), '{"db":"none"}');
    const r = await runCli(['out', '--yes', ...quick, '--preset', 'p.json'], { cwd });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n')).toEqual([
      'Error: Preset p.json: the file is missing "answers"',
      '  Answers go under "answers", as in a project\'s .scaled-api.json: { "version": 3, "answers": { … } }.',
    ]);
  });

  it('--json reports the same line as its error, and the answers of a good run match the schema', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'bad.json'), '{"answers":{"replicas":65}}');
    const bad = await runCli(['out', '--yes', '--json', ...quick, '--preset', 'bad.json'], { cwd });
    expect(bad.exitCode).toBe(2);
    expect(JSON.parse(bad.stdout).error.message).toBe('Preset bad.json: /answers/replicas must be ≤ 64 (got 65)');

    await writeFile(join(cwd, 'good.json'), JSON.stringify({ version: 2, answers: { cache: 'memory', auth: 'none', resources: [{ name: 'line-items', fields: [{ name: 'qty', type: 'integer', minimum: 1 }] }] } }));
    const good = await runCli(['out', '--yes', '--json', '--dry-run', '--preset', 'good.json'], { cwd });
    expect(good.exitCode, good.stderr).toBe(0);
    const { answers } = JSON.parse(good.stdout);
    expect(answers.resources).toEqual([{ name: 'line-items', fields: [{ name: 'qty', type: 'integer', minimum: 1 }] }]);
    expect(schemaProblem({ version: 3, templateVersion: '0.1.0', answers }, 'project')).toBeUndefined();
  });
});
