import { CST, Lexer, LineCounter } from 'yaml';

/** One problem in a YAML text, named after the yamllint rule that reports it. */
export interface YamlLintProblem {
  line: number;
  rule: string;
  message: string;
}

// Lexer tokens that mark structure but hold no source text.
const MARKERS = new Set(['doc-mode', 'scalar', 'flow-error-end']);

/** The yaml package's own line index, fed the text's line starts as its parser would. */
function lineIndex(text: string): (offset: number) => number {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  return (offset) => lines.linePos(offset).line;
}

function lineRules(text: string): YamlLintProblem[] {
  const problems: YamlLintProblem[] = [];
  const lines = text.split('\n');
  if (text.length > 0 && !text.endsWith('\n')) {
    problems.push({ line: lines.length, rule: 'new-line-at-end-of-file', message: 'no new line character at the end of file' });
  }
  // The split leaves one empty string after the final newline; it is not a line.
  const body = text.endsWith('\n') ? lines.slice(0, -1) : lines;
  let blank = 0;
  body.forEach((raw, index) => {
    const line = index + 1;
    if (raw.endsWith('\r')) problems.push({ line, rule: 'new-lines', message: 'wrong new line character: expected \\n' });
    const content = raw.replace(/\r$/, '');
    if (/[ \t]$/.test(content)) problems.push({ line, rule: 'trailing-spaces', message: 'trailing spaces' });
    if (content.trim() === '') {
      blank++;
      if (blank === 3) problems.push({ line, rule: 'empty-lines', message: 'too many blank lines (3 > 2)' });
      if (line === blank && blank === 1) problems.push({ line, rule: 'empty-lines', message: 'blank line at the start of file' });
    } else blank = 0;
  });
  if (blank > 0 && body.length > 0 && blank < body.length) {
    problems.push({ line: body.length, rule: 'empty-lines', message: 'blank line at the end of file' });
  }
  return problems;
}

function tokenRules(text: string): YamlLintProblem[] {
  const problems: YamlLintProblem[] = [];
  const lineOf = lineIndex(text);
  // Source tokens in order, with their offsets.
  const tokens: { type: string; source: string; offset: number }[] = [];
  let offset = 0;
  for (const source of new Lexer().lex(text)) {
    const type = CST.tokenType(source) ?? 'value';
    if (MARKERS.has(type) && source.length === 1 && source.charCodeAt(0) < 0x20) continue;
    tokens.push({ type, source, offset });
    offset += source.length;
  }
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    const next = tokens[i + 1];
    const after = tokens[i + 2];
    const line = lineOf(token.offset);
    if (token.type === 'space' && token.source.includes('\t')) {
      problems.push({ line, rule: 'tabs', message: 'tab character in whitespace; YAML indents with spaces' });
    }
    // A space before the colon only counts after content on the same line.
    if (token.type === 'map-value-ind' && previous?.type === 'space' && tokens[i - 2] && tokens[i - 2]!.type !== 'newline') {
      problems.push({ line, rule: 'colons', message: 'too many spaces before colon' });
    }
    const spacedBeforeValue = next?.type === 'space' && next.source.length > 1 && after !== undefined && !['newline', 'comment'].includes(after.type);
    if (token.type === 'map-value-ind' && spacedBeforeValue) {
      problems.push({ line, rule: 'colons', message: 'too many spaces after colon' });
    }
    if (token.type === 'seq-item-ind' && spacedBeforeValue) {
      problems.push({ line, rule: 'hyphens', message: 'too many spaces after hyphen' });
    }
    if (token.type === 'comma' && previous?.type === 'space') {
      problems.push({ line, rule: 'commas', message: 'too many spaces before comma' });
    }
    if (token.type === 'comma' && next !== undefined && !['space', 'newline'].includes(next.type)) {
      problems.push({ line, rule: 'commas', message: 'too few spaces after comma' });
    }
  });
  return problems;
}

/**
 * The rules yamllint's default configuration reports as errors that a parser
 * does not already reject (duplicate keys, bad indentation and tabs used as
 * indentation are parse errors of the `yaml` package): trailing spaces, tabs
 * in whitespace, a final newline, Unix newlines, at most two blank lines and
 * none at either end, one space after a colon, hyphen or comma and none before.
 */
export function lintYaml(text: string): YamlLintProblem[] {
  return [...lineRules(text), ...tokenRules(text)].sort((a, b) => a.line - b.line);
}
