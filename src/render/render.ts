import { ANSWERS_FORMAT_VERSION, schemaUrl } from '../answers/schema.js';
import type { Answers } from '../answers/types.js';
import { isPathEnabled } from '../features/index.js';
import { buildContext, type TemplateContext } from './context.js';
import { describeTemplateError, TemplateError } from './templateError.js';
import type { GeneratedFile, TemplateFile } from './types.js';

export { TemplateError } from './templateError.js';
export { resourceContext, type ResourceContext } from './resourceContext.js';

/** Marks a template path rendered once per resource; each output has the resource's name in its place. */
export const RESOURCE_SEGMENT = '__resource__';

export const ANSWERS_FILE = '.scaled-api.json';

// npm drops these from published packages, so templates keep them renamed.
const renamedDotfiles: Record<string, string> = { _gitignore: '.gitignore', _npmrc: '.npmrc' };

function outputPath(templatePath: string): string {
  const parts = templatePath.replace(/\.hbs$/, '').split('/');
  const last = parts.length - 1;
  parts[last] = renamedDotfiles[parts[last]!] ?? parts[last]!;
  return parts.join('/');
}

/**
 * Refuses anything that would land outside the project folder: a path must be
 * relative and already normal (no empty, `.` or `..` segment), which also lets
 * the writer join it to the target folder with a plain `/`. Checked segment by
 * segment rather than with path.normalize: a render calls this for every
 * template, and enough normalize calls make V8 compile it with TurboFan, 2.5 ms
 * of a 2-core machine during a 70 ms run.
 */
export function assertInsideProject(path: string, source: string): void {
  const isNormalRelative = !/^[a-zA-Z]:/.test(path) && !path.includes('\\') && path.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
  if (!isNormalRelative) {
    throw new TemplateError(source, undefined, `output path "${path}" is outside the project folder or not normalised.`);
  }
}

/** A template's outputs: one, or one per resource when its path holds RESOURCE_SEGMENT. */
function instances(template: TemplateFile, context: TemplateContext): { path: string; context: object }[] {
  const path = outputPath(template.path);
  if (!path.includes(RESOURCE_SEGMENT)) return [{ path, context }];
  return context.resources.map((resource) => ({
    path: path.replaceAll(RESOURCE_SEGMENT, resource.name),
    context: { ...context, resource },
  }));
}

function renderOne(template: TemplateFile, path: string, context: object, answers: Answers): GeneratedFile | undefined {
  assertInsideProject(path, template.path);
  if (!isPathEnabled(path, answers)) return undefined;
  if (!template.render) return { path, contents: template.contents, mode: template.mode, source: template.path };
  let text: string;
  try {
    text = template.render(context);
  } catch (error) {
    const { message, line } = describeTemplateError(error);
    throw new TemplateError(template.path, line, message);
  }
  // Whether a file is written at all is decided by the features' parts
  // (src/features/), never by a template that renders to nothing.
  if (text.trim() === '') {
    throw new TemplateError(template.path, undefined, `renders to an empty file for these answers; a file that only some projects have belongs to a feature part's files (src/features/).`);
  }
  return { path, contents: text, mode: template.mode, source: template.path };
}

export function answersFileContents(answers: Answers, templateVersion: string): string {
  // A URL rather than a node_modules path: generated projects do not depend on
  // create-scaled-api, so editors fetch the schema of the version that wrote the file.
  const file = { $schema: schemaUrl(templateVersion), version: ANSWERS_FORMAT_VERSION, templateVersion, answers };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Answers + templates → the project's files. Pure: no disk, no clock, so
 * the same inputs always give the same files and tests need no temp folder.
 */
export function render(answers: Answers, templates: readonly TemplateFile[], templateVersion: string): GeneratedFile[] {
  const context = buildContext(answers, templateVersion);
  const out: GeneratedFile[] = [];
  for (const template of templates) {
    for (const { path, context: fileContext } of instances(template, context)) {
      const file = renderOne(template, path, fileContext, answers);
      if (file) out.push(file);
    }
  }
  if (out.some((f) => f.path === ANSWERS_FILE)) {
    throw new TemplateError(ANSWERS_FILE, undefined, 'is written by create-scaled-api itself; remove it from the templates.');
  }
  out.push({ path: ANSWERS_FILE, contents: answersFileContents(answers, templateVersion), mode: 0o644 });
  const seen = new Set<string>();
  for (const f of out) {
    if (seen.has(f.path)) throw new TemplateError(f.source ?? f.path, undefined, `two templates make ${f.path}.`);
    seen.add(f.path);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}
