import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleTemplates } from '../scripts/bundle-templates.js';
import { compileProgram } from '../src/render/compileProgram.js';
import { compileTemplate } from '../src/render/handlebars.js';
import { loadTemplateBundle } from '../src/render/templateBundle.js';
import { runProgram } from '../src/render/templateProgram.js';
import { useTempDir } from './helpers.js';

const tempDir = useTempDir();

const context = {
  name: 'my-api',
  pm: 'pnpm',
  replicas: 3,
  zero: 0,
  empty: [],
  has: { redis: true, database: false },
  deps: { fastify: '5.0.0', pino: '9.0.0' },
  list: [
    { name: 'api-1', port: 8000 },
    { name: 'api-2', port: 8001 },
  ],
  tags: ['a', 'b', 'c'],
};

const run = (source: string, ctx: object = context) => runProgram(compileProgram(source), ctx);

describe('compiled templates render what Handlebars renders', () => {
  const sources: [string, string][] = [
    ['text and variables', 'name: {{name}}, nested: {{has.redis}}, triple: {{{name}}}'],
    ['if / else', '{{#if has.redis}}redis{{else}}no redis{{/if}}|{{#if has.database}}db{{else}}no db{{/if}}'],
    ['else if chains', '{{#if (eq pm "npm")}}npm{{else if (eq pm "pnpm")}}pnpm{{else}}other{{/if}}'],
    ['unless', '{{#unless has.database}}memory{{/unless}}{{#unless has.redis}}never{{/unless}}'],
    ['falsy values: 0 and []', '{{#if zero}}zero{{else}}no zero{{/if}} {{#if empty}}e{{else}}no e{{/if}}'],
    ['each over an array, with @ variables', '{{#each list}}{{@index}}:{{name}}:{{port}}{{#if @first}} first{{/if}}{{#unless @last}}, {{/unless}}{{/each}}'],
    ['each over an object, with @key', '{{#each deps}}{{@key}}@{{this}};{{/each}}'],
    ['each with else, and ../', '{{#each empty}}x{{else}}none{{/each}} {{#each tags}}{{this}}-{{../name}} {{/each}}'],
    ['helpers and sub-expressions', '{{mul replicas 10}} {{#if (or has.database (and has.redis (not zero)))}}yes{{/if}} {{#if (ne pm "npm")}}not npm{{/if}}'],
    ['json with an indent', '{\n  "d": {{{json deps 2}}}\n}'],
    ['whitespace control and standalone lines', 'a\n{{#if has.redis}}\n  kept\n{{/if}}\n  {{~name~}}  \nb\n{{! a comment }}\nc'],
    ['escaped mustaches stay literal', 'summary: \\{{ $labels.instance }} {{name}}'],
  ];

  it.each(sources)('%s', (_, source) => {
    expect(run(source)).toBe(compileTemplate(source)(context));
  });
});

describe('errors', () => {
  it('an unknown variable names its line', () => {
    expect(() => run('a\nb\n{{noSuchVariable}}\n')).toThrow(expect.objectContaining({ message: '"noSuchVariable" not defined', lineNumber: 3 }));
  });

  it('an unknown variable inside a helper argument is an error too, not an empty value', () => {
    expect(() => run('{{#if (eq nope "x")}}y{{/if}}')).toThrow(/"nope" not defined/);
    expect(() => run('{{#if has.nope}}y{{/if}}')).toThrow(/"nope" not defined/);
  });

  it.each([
    ['a partial', '{{> header}}'],
    ['an unknown block', '{{#with has}}{{redis}}{{/with}}'],
    ['an unknown helper', '{{shout name}}'],
    ['a hash argument', '{{json deps indent=2}}'],
    ['block parameters', '{{#each list as |item|}}{{item.name}}{{/each}}'],
    ['@root', '{{@root.name}}'],
  ])('%s is refused at build time, with its line', (_, source) => {
    expect(() => compileProgram(`line one\n${source}`)).toThrow(expect.objectContaining({ lineNumber: 2, message: expect.stringMatching(/not supported in shipped templates/) }));
  });

  it('the build names the template and line of a refused construct', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'templates/src'), { recursive: true });
    await writeFile(join(dir, 'templates/src/app.ts.hbs'), 'ok\n{{> partial}}\n');
    await expect(bundleTemplates(join(dir, 'templates'), join(dir, 'out.json'))).rejects.toThrow(/templates\/src\/app\.ts\.hbs:2: PartialStatement is not supported/);
  });
});

describe('the bundle of an installed package', () => {
  async function packageWithBundle(): Promise<{ root: string; bundleFile: string }> {
    const root = await tempDir();
    await mkdir(join(root, 'templates'));
    await writeFile(join(root, 'templates/README.md.hbs'), '# {{name}}\n');
    const bundleFile = join(root, 'templates.json');
    await bundleTemplates(join(root, 'templates'), bundleFile);
    // npm extracts a package's files with the time of the install, after the build.
    const later = new Date(Date.now() + 60_000);
    await utimes(join(root, 'templates/README.md.hbs'), later, later);
    return { root, bundleFile };
  }

  it('is used even though npm gave the templates newer times than the build', async () => {
    const { root, bundleFile } = await packageWithBundle();
    const templates = loadTemplateBundle(join(root, 'templates'), bundleFile);
    expect(templates?.map((t) => t.path)).toEqual(['README.md.hbs']);
    expect(templates?.[0]?.render?.({ name: 'x' })).toBe('# x\n');
  });

  it('is set aside in a checkout (src/ beside templates/) whose templates changed after the build', async () => {
    const { root, bundleFile } = await packageWithBundle();
    await mkdir(join(root, 'src'));
    expect(loadTemplateBundle(join(root, 'templates'), bundleFile)).toBeUndefined();
  });
});
