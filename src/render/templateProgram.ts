import { templateHelpers, type TemplateHelperName } from './helpers.js';

/**
 * A shipped template, compiled at build time from Handlebars' syntax tree
 * (scripts/bundle-templates.ts) into plain JSON that `runProgram` walks.
 * Rendering the shipped templates this way needs neither the Handlebars
 * runtime nor its generated code, which were most of a render's start-up.
 */
export type TemplateProgram = TemplateNode[];

/** Literal text, a `{{value}}`, or an if / unless / each block. */
export type TemplateNode = string | OutputNode | BlockNode;

export interface OutputNode {
  out: TemplateExpr;
  line: number;
}

export interface BlockNode {
  block: 'if' | 'unless' | 'each';
  test: TemplateExpr;
  then: TemplateProgram;
  else?: TemplateProgram;
  line: number;
}

/** A literal, a variable, or a helper call such as `(eq pm "npm")`. */
export type TemplateExpr = string | number | boolean | null | LookupExpr | CallExpr;

export interface LookupExpr {
  /** Path segments; [] is `this`. */
  path: string[];
  /** How many `../` precede it. */
  up?: number;
  /** An `@` variable of the enclosing each (`@index`, `@first`, `@last`, `@key`). */
  data?: true;
}

export interface CallExpr {
  helper: TemplateHelperName;
  args: TemplateExpr[];
}

interface Scope {
  context: unknown;
  data: Record<string, unknown>;
  parent?: Scope;
}

/** A variable a shipped template names that the context lacks. */
export class TemplateLookupError extends Error {
  constructor(
    message: string,
    readonly lineNumber: number,
  ) {
    super(message);
    this.name = 'TemplateLookupError';
  }
}

export function runProgram(program: TemplateProgram, context: object): string {
  return runNodes(program, { context, data: {} });
}

function runNodes(nodes: TemplateProgram, scope: Scope): string {
  let text = '';
  for (const node of nodes) {
    if (typeof node === 'string') text += node;
    else if ('out' in node) {
      const value = evaluate(node.out, scope, node.line);
      // Handlebars with noEscape appends anything but null and undefined as is.
      if (value != null) text += String(value);
    } else text += runBlock(node, scope);
  }
  return text;
}

function runBlock(node: BlockNode, scope: Scope): string {
  const value = evaluate(node.test, scope, node.line);
  if (node.block === 'each') return runEach(node, value, scope);
  const pass = node.block === 'if' ? isTruthy(value) : !isTruthy(value);
  if (pass) return runNodes(node.then, scope);
  return node.else ? runNodes(node.else, scope) : '';
}

function runEach(node: BlockNode, value: unknown, scope: Scope): string {
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [i, item])
    : value !== null && typeof value === 'object'
      ? Object.entries(value)
      : [];
  if (entries.length === 0) return node.else ? runNodes(node.else, scope) : '';
  let text = '';
  entries.forEach(([key, item], index) => {
    const data = { index, key, first: index === 0, last: index === entries.length - 1 };
    text += runNodes(node.then, { context: item, data, parent: scope });
  });
  return text;
}

// Handlebars' #if: false, 0, '', null, undefined and [] are all "empty".
function isTruthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

function evaluate(expr: TemplateExpr, scope: Scope, line: number): unknown {
  if (expr === null || typeof expr !== 'object') return expr;
  if ('helper' in expr) {
    const args = expr.args.map((arg) => evaluate(arg, scope, line));
    return (templateHelpers[expr.helper] as (...a: unknown[]) => unknown)(...args);
  }
  return lookup(expr, scope, line);
}

// Stricter than Handlebars' strict mode, which lets a helper's argument name
// a missing variable: a shipped template that names one is a bug, found when
// the bundle's test renders every feature combination.
function lookup(expr: LookupExpr, scope: Scope, line: number): unknown {
  let target: Scope | undefined = scope;
  for (let up = expr.up ?? 0; up > 0; up--) target = target?.parent;
  if (!target) throw new TemplateLookupError(`"${'../'.repeat(expr.up ?? 0)}" goes above the outermost context`, line);
  let value: unknown = expr.data ? target.data : target.context;
  for (const segment of expr.path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) {
      throw new TemplateLookupError(`"${segment}" not defined`, line);
    }
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}
