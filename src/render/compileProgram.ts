import Handlebars from 'handlebars';
import { isTemplateHelper } from './helpers.js';
import type { BlockNode, TemplateExpr, TemplateNode, TemplateProgram } from './templateProgram.js';

type AST = hbs.AST.Program;
type Statement = hbs.AST.Statement;
type Expression = hbs.AST.Expression;

const blockHelpers = new Set(['if', 'unless', 'each']);

/** A construct of Handlebars that shipped templates may not use, with its line. */
export class UnsupportedTemplateError extends Error {
  constructor(
    message: string,
    readonly lineNumber: number | undefined,
  ) {
    super(message);
    this.name = 'UnsupportedTemplateError';
  }
}

/**
 * Build time: a template's source → the program `runProgram` renders. The
 * source is parsed by Handlebars itself (whitespace control and standalone
 * lines included), so the language is Handlebars'; only the subset the
 * shipped templates use is accepted, and anything else fails the build.
 */
export function compileProgram(source: string): TemplateProgram {
  return statements(Handlebars.parse(source));
}

function statements(program: AST | undefined): TemplateProgram {
  const out: TemplateNode[] = [];
  for (const statement of program?.body ?? []) {
    const node = statementNode(statement);
    if (node === undefined) continue;
    const last = out.length - 1;
    // Whitespace control leaves neighbouring text pieces: one string renders faster.
    if (typeof node === 'string' && typeof out[last] === 'string') out[last] += node;
    else if (node !== '') out.push(node);
  }
  return out;
}

function lineOf(node: hbs.AST.Node): number | undefined {
  return node.loc?.start.line;
}

function unsupported(what: string, node: hbs.AST.Node): never {
  throw new UnsupportedTemplateError(`${what} is not supported in shipped templates`, lineOf(node));
}

function statementNode(statement: Statement): TemplateNode | undefined {
  switch (statement.type) {
    case 'ContentStatement':
      return (statement as hbs.AST.ContentStatement).value;
    case 'CommentStatement':
      return undefined;
    case 'MustacheStatement':
      return outputNode(statement as hbs.AST.MustacheStatement);
    case 'BlockStatement':
      return blockNode(statement as hbs.AST.BlockStatement);
    default:
      return unsupported(statement.type, statement);
  }
}

function outputNode(mustache: hbs.AST.MustacheStatement): TemplateNode {
  if (mustache.hash?.pairs.length) unsupported('a hash argument', mustache);
  const line = lineOf(mustache) ?? 0;
  if (mustache.path.type !== 'PathExpression') return { out: literal(mustache.path), line };
  return { out: callOrLookup(mustache.path as hbs.AST.PathExpression, mustache.params, mustache), line };
}

function blockNode(block: hbs.AST.BlockStatement): BlockNode {
  const name = block.path.original;
  if (!blockHelpers.has(name)) unsupported(`the block {{#${name}}}`, block);
  if (block.params.length !== 1) unsupported(`{{#${name}}} with ${block.params.length} arguments`, block);
  if (block.hash?.pairs.length) unsupported('a hash argument', block);
  if ((block.program as { blockParams?: string[] }).blockParams?.length) unsupported('block parameters (as |x|)', block);
  const node: BlockNode = {
    block: name as BlockNode['block'],
    test: expression(block.params[0]!),
    then: statements(block.program),
    line: lineOf(block) ?? 0,
  };
  // `{{else if …}}` arrives as an inverse holding one chained block: it nests as is.
  if (block.inverse) node.else = statements(block.inverse);
  return node;
}

/** `{{name}}` is a helper call when a helper has that name (Handlebars' rule), else a variable. */
function callOrLookup(path: hbs.AST.PathExpression, params: Expression[], at: hbs.AST.Node): TemplateExpr {
  const isCall = params.length > 0 || (!path.data && path.depth === 0 && path.parts.length === 1 && isTemplateHelper(path.parts[0]!));
  return isCall ? helperCall(path.original, params, at) : pathExpression(path);
}

function helperCall(name: string, params: Expression[], at: hbs.AST.Node): TemplateExpr {
  if (!isTemplateHelper(name)) unsupported(`the helper "${name}"`, at);
  return { helper: name, args: params.map(expression) };
}

function expression(expr: Expression): TemplateExpr {
  switch (expr.type) {
    case 'PathExpression':
      return pathExpression(expr as hbs.AST.PathExpression);
    case 'SubExpression': {
      const sub = expr as hbs.AST.SubExpression;
      if (sub.hash?.pairs.length) unsupported('a hash argument', sub);
      return helperCall(sub.path.original, sub.params, sub);
    }
    default:
      return literal(expr);
  }
}

function literal(expr: Expression): TemplateExpr {
  switch (expr.type) {
    case 'StringLiteral':
      return (expr as hbs.AST.StringLiteral).value;
    case 'NumberLiteral':
      return (expr as hbs.AST.NumberLiteral).value;
    case 'BooleanLiteral':
      return (expr as hbs.AST.BooleanLiteral).value;
    case 'NullLiteral':
      return null;
    default:
      return unsupported(expr.type, expr);
  }
}

function pathExpression(path: hbs.AST.PathExpression): TemplateExpr {
  if (path.data && path.depth > 0) unsupported('"@../" variables', path);
  if (path.data && !['index', 'key', 'first', 'last'].includes(path.parts.join('.'))) unsupported(`the variable @${path.parts.join('.')}`, path);
  return { path: [...path.parts], ...(path.depth ? { up: path.depth } : {}), ...(path.data ? { data: true as const } : {}) };
}
