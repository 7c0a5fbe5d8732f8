import Handlebars from 'handlebars';
import { compileOptions, registerHelpers } from './helpers.js';

// One isolated instance, so helpers never leak into another user of the module.
const hbs = Handlebars.create();
registerHelpers(hbs);

/** Compiles a template from source (lazily: syntax errors surface on first render). */
export function compileTemplate(source: string): (context: object) => string {
  return hbs.compile(source, compileOptions);
}

/** Build time: the source of a template compiled to JavaScript, for `templateFromSpec` at run time. */
export function precompileTemplate(source: string): string {
  return String(hbs.precompile(source, compileOptions));
}
