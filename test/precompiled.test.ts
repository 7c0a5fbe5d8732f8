import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompileTemplates } from '../scripts/precompile-templates.js';
import { loadTemplates } from '../src/render/loadTemplates.js';
import { precompiledRender, type PrecompiledTemplates } from '../src/render/precompiled.js';
import { render } from '../src/render/render.js';
import type { TemplateFile } from '../src/render/types.js';
import { buildMatrix } from '../src/validate/matrix.js';
import { templatesDir } from './helpers.js';

let dir: string;
let precompiled: PrecompiledTemplates;
let fromSource: TemplateFile[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'csa-precompiled-'));
  precompileTemplates(templatesDir, join(dir, 'templates.js'));
  precompiled = ((await import(pathToFileURL(join(dir, 'templates.js')).href)) as { default: PrecompiledTemplates }).default;
  fromSource = await loadTemplates(templatesDir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('templates precompiled at build time', () => {
  it('cover every shipped .hbs template and render what compiling its source renders, for every pairwise combination', async () => {
    const withPrecompiled = await Promise.all(
      fromSource.map(async (t) => {
        if (!t.path.endsWith('.hbs')) return t;
        const run = precompiledRender(precompiled, t.path, await readFile(join(templatesDir, t.path)));
        expect(run, t.path).toBeTypeOf('function');
        return { ...t, render: run };
      }),
    );
    for (const { answers, label } of buildMatrix('pairwise')) {
      const key = (files: ReturnType<typeof render>) => files.map((f) => `${f.path}\0${f.mode}\0${String(f.contents)}`).join('\0\0');
      expect(key(render(answers, withPrecompiled, '1')), label).toBe(key(render(answers, fromSource, '1')));
    }
  });

  it('are not used for a template whose source changed after the build', () => {
    const path = Object.keys(precompiled)[0]!;
    expect(precompiledRender(precompiled, path, Buffer.from('edited {{name}}'))).toBeUndefined();
    expect(precompiledRender(precompiled, 'not/a/template.hbs', Buffer.from(''))).toBeUndefined();
  });
});
