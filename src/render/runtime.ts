import RuntimeModule from 'handlebars/runtime.js';
import type HandlebarsType from 'handlebars';
import { registerHelpers } from './helpers.js';

// The runtime is the compiler-free part of Handlebars; its types ship only
// with the full package, whose API it shares.
const Runtime = RuntimeModule as unknown as typeof HandlebarsType;
const hbs = Runtime.create();
registerHelpers(hbs);

/** Turns a precompiled template spec back into a render function. */
export function fromSpec(spec: object): (context: object) => string {
  return hbs.template(spec as Parameters<typeof hbs.template>[0]);
}
