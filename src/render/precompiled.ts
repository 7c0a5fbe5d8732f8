import { createHash } from 'node:crypto';
import type HandlebarsWithCompiler from 'handlebars';
import HandlebarsRuntime from 'handlebars/runtime.js';
import { registerHelpers } from './helpers.js';

/**
 * What the build writes to dist/templates.js: every shipped `.hbs` file
 * compiled by Handlebars' `precompile`, with the hash of the source it was
 * compiled from.
 */
export type PrecompiledTemplates = Record<string, { hash: string; spec: TemplateSpecification }>;

export const PRECOMPILED_FILE = 'templates.js';

export const sourceHash = (source: Buffer | string) => createHash('sha1').update(source).digest('hex');

// Its typings declare nothing: the runtime is the full package's interface without the compiler.
const runtime = (HandlebarsRuntime as unknown as typeof HandlebarsWithCompiler).create();
registerHelpers(runtime);

/**
 * The build's compiled templates, or none when the CLI runs from its sources
 * (tests, tsx). Compiling the 80 shipped templates on every run was most of
 * a render, so `npm run build` does it once.
 */
export async function loadPrecompiled(): Promise<PrecompiledTemplates> {
  try {
    return ((await import(new URL(`./${PRECOMPILED_FILE}`, import.meta.url).href)) as { default: PrecompiledTemplates }).default;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return {};
    throw error;
  }
}

/**
 * The compiled form of one template, if the build compiled exactly this
 * source: a template edited after the build, or a --template folder's own,
 * is compiled from its source instead.
 */
export function precompiledRender(templates: PrecompiledTemplates, path: string, source: Buffer): ((context: object) => string) | undefined {
  const entry = Object.hasOwn(templates, path) ? templates[path] : undefined;
  return entry && entry.hash === sourceHash(source) ? runtime.template(entry.spec) : undefined;
}
