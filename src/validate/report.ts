import { seconds } from '../utils/format.js';
import type { CheckResult, CombinationResult, Finding } from './types.js';

export interface Summary {
  combinations: number;
  checks: number;
  passed: number;
  failed: number;
  skipped: number;
}

export function summarize(results: readonly CombinationResult[]): Summary {
  const all = results.flatMap((r) => r.checks);
  return {
    combinations: results.length,
    checks: all.length,
    passed: all.filter((c) => c.status === 'passed').length,
    failed: all.filter((c) => c.status === 'failed').length,
    skipped: all.filter((c) => c.status === 'skipped').length,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function summaryLine(s: Summary): string {
  return `${plural(s.combinations, 'combination')}, ${plural(s.checks, 'check')}: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`;
}

/** The checks that ran anywhere, in `order` (the order a combination runs them), then any others. */
export function checkNames(results: readonly CombinationResult[], order: readonly string[] = []): string[] {
  const names: string[] = [];
  for (const r of results) for (const c of r.checks) if (!names.includes(c.name)) names.push(c.name);
  const rank = (n: string) => (order.includes(n) ? order.indexOf(n) : order.length + names.indexOf(n));
  return names.sort((a, b) => rank(a) - rank(b));
}

const cell: Record<CheckResult['status'], string> = { passed: 'pass', failed: 'FAIL', skipped: 'skip' };

/** Combinations × checks; "-" where a check does not apply (its files are not generated). */
export function table(results: readonly CombinationResult[], order: readonly string[] = []): string {
  const names = checkNames(results, order);
  const header = ['#', ...names, 'combination'];
  const rows = results.map((r) => [
    String(r.combination.index),
    ...names.map((n) => {
      const c = r.checks.find((x) => x.name === n);
      return c ? cell[c.status] : '-';
    }),
    r.combination.label,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export function where(f: Finding): string {
  const at = f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : '';
  const from = f.template && f.template !== f.file ? ` (template ${f.template})` : '';
  return at ? `${at}${from}: ` : f.template ? `template ${f.template}: ` : '';
}

/** Every failure, one block each: combination, check, file and line, message. */
export function failureLines(results: readonly CombinationResult[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    for (const c of r.checks.filter((x) => x.status === 'failed')) {
      for (const f of c.findings.length ? c.findings : [{ message: 'failed' }]) {
        const [first, ...rest] = f.message.split('\n');
        out.push(`✖ #${r.combination.index} ${c.name}: ${where(f)}${first}`, ...rest.map((l) => `    ${l}`));
        out.push(`    combination: ${r.combination.label}`);
      }
    }
  }
  return out;
}

/** One notice per distinct reason a check was skipped. */
export function skipNotices(results: readonly CombinationResult[]): string[] {
  const seen = new Map<string, number>();
  for (const r of results) for (const c of r.checks) if (c.status === 'skipped') seen.set(`${c.name}: ${c.detail ?? 'skipped'}`, (seen.get(`${c.name}: ${c.detail ?? 'skipped'}`) ?? 0) + 1);
  return [...seen].map(([text, n]) => `○ skipped ${text} (${plural(n, 'combination')})`);
}

export function jsonReport(results: readonly CombinationResult[], timings: Record<string, number>, notices: string[]): object {
  const summary = summarize(results);
  return {
    result: summary.failed === 0 ? 'passed' : 'failed',
    summary: { ...summary, line: summaryLine(summary) },
    combinations: results.map((r) => ({ index: r.combination.index, label: r.combination.label, answers: r.combination.answers, ms: r.ms })),
    checks: results.flatMap((r) =>
      r.checks.map((c) => ({ combination: r.combination.index, name: c.name, status: c.status, ms: c.ms, ...(c.detail ? { detail: c.detail } : {}) })),
    ),
    failures: results.flatMap((r) =>
      r.checks
        .filter((c) => c.status === 'failed')
        .flatMap((c) => c.findings.map((f) => ({ combination: r.combination.index, label: r.combination.label, check: c.name, ...f }))),
    ),
    notices,
    timings,
  };
}

// XML 1.0 forbids most control characters even when escaped.
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const secs = (ms: number) => (ms / 1000).toFixed(3);

/** JUnit XML: one testsuite per combination, one testcase per check. */
export function junitReport(results: readonly CombinationResult[]): string {
  const s = summarize(results);
  const totalMs = results.reduce((n, r) => n + r.ms, 0);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="create-scaled-api validate" tests="${s.checks}" failures="${s.failed}" errors="0" skipped="${s.skipped}" time="${secs(totalMs)}">`,
  ];
  for (const r of results) {
    const rs = summarize([r]);
    out.push(
      `  <testsuite name="${xmlEscape(`#${r.combination.index} ${r.combination.label}`)}" tests="${rs.checks}" failures="${rs.failed}" errors="0" skipped="${rs.skipped}" time="${secs(r.ms)}">`,
    );
    for (const c of r.checks) {
      const open = `    <testcase classname="validate.combination${r.combination.index}" name="${xmlEscape(c.name)}" time="${secs(c.ms)}"`;
      if (c.status === 'passed') out.push(`${open}/>`);
      else if (c.status === 'skipped') out.push(`${open}>`, `      <skipped message="${xmlEscape(c.detail ?? 'skipped')}"/>`, '    </testcase>');
      else {
        const text = c.findings.map((f) => `${where(f)}${f.message}`).join('\n');
        const first = c.findings[0];
        out.push(
          `${open}>`,
          `      <failure message="${xmlEscape(first ? `${where(first)}${first.message.split('\n')[0]}` : 'failed')}" type="${xmlEscape(c.name)}">${xmlEscape(text)}</failure>`,
          '    </testcase>',
        );
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

/** What a person reads at the end: the table, skip notices, every failure, the summary line last. */
export function textReport(results: readonly CombinationResult[], order: readonly string[], junitPath: string | undefined, totalMs: number): string {
  const lines = ['', table(results, order), '', ...skipNotices(results)];
  const failures = failureLines(results);
  if (failures.length) lines.push('Failures:', ...failures, '');
  if (junitPath) lines.push(`JUnit report written to ${junitPath}`);
  lines.push(`${summaryLine(summarize(results))} (${seconds(totalMs)})`);
  return `${lines.join('\n')}\n`;
}
