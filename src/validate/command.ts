import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ValidateFlags } from '../cli/options.js';
import { loadTemplates } from '../render/loadTemplates.js';
import { defaultTemplatesDir } from '../render/templatesDir.js';
import { onInterrupt } from '../utils/interrupts.js';
import { VERSION } from '../version.js';
import { checksFor } from './checks/index.js';
import type { CheckContext } from './checks/types.js';
import { buildMatrix } from './matrix.js';
import { Progress } from './progress.js';
import { jsonReport, junitReport, skipNotices, summarize, textReport } from './report.js';
import { pool, renderCombination, runCombination, type Rendered } from './runCombination.js';
import { sharedNodeModules } from './sharedDeps.js';
import { findTools } from './tools.js';

const needsDependencies = (rendered: Rendered[]) => rendered.some((r) => r.files?.some((f) => /\.(ts|tsx|mts|cts)$/.test(f.path)));

/** `create-scaled-api validate`: every combination of the matrix rendered and checked; 0 only if nothing failed. */
export async function runValidate(flags: ValidateFlags): Promise<number> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  const kind = flags.matrix;
  const templateDir = flags.template ? resolve(flags.template) : defaultTemplatesDir();
  const templates = await loadTemplates(templateDir);
  const runtime = Boolean(flags.smoke);
  const jobs = flags.jobs ?? availableParallelism();

  const matrix = buildMatrix(kind);
  const progress = Progress.for(Boolean(flags.json), matrix.length);
  const notices: string[] = [];
  const notice = (text: string) => {
    notices.push(text);
    progress.note(text);
  };
  progress.note(`Validating ${templateDir}: ${matrix.length} combination${matrix.length === 1 ? '' : 's'} (${kind} matrix), ${jobs} at once`);

  let t = performance.now();
  const rendered = matrix.map((c) => renderCombination(c, templates, VERSION));
  timings.render = Math.round(performance.now() - t);

  t = performance.now();
  const nodeModules =
    needsDependencies(rendered) || runtime
      ? await sharedNodeModules(rendered, { fresh: Boolean(flags.install || flags.smoke), verbose: Boolean(flags.verbose) }, notice)
      : undefined;
  timings.install = Math.round(performance.now() - t);

  const tools = findTools();
  if (!tools.nginx) notice('notice: nginx is not installed, so nginx -t is skipped (apt-get install nginx-light)');
  if (!tools.promtool) notice('notice: promtool is not installed, so the Prometheus checks are skipped (apt-get install prometheus)');

  const root = await mkdtemp(join(tmpdir(), 'csa-validate-'));
  const forget = onInterrupt(() => rmSync(root, { recursive: true, force: true }));
  const memo: CheckContext['memo'] = new Map();
  t = performance.now();
  let results;
  try {
    results = await pool(rendered, jobs, async (r) => {
      const result = await runCombination(r, {
        root,
        checks: checksFor({ runtime }),
        nodeModules,
        tools,
        verbose: Boolean(flags.verbose),
        memo,
        onCheck: (c, check) => progress.checking(c, check),
      });
      progress.finished(result);
      return result;
    });
  } finally {
    progress.stop();
    if (flags.verbose) process.stderr.write(`Generated projects kept in ${root}\n`);
    else await rm(root, { recursive: true, force: true });
    forget();
  }
  timings.checks = Math.round(performance.now() - t);
  timings.total = Math.round(performance.now() - started);

  const summary = summarize(results);
  if (flags.junit) await writeFile(resolve(flags.junit), junitReport(results));
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(jsonReport(results, timings, [...notices, ...skipNotices(results)]), null, 2)}\n`);
  } else {
    const order = ['render', ...checksFor({ runtime }).map((c) => c.name)];
    process.stdout.write(textReport(results, order, flags.junit ? resolve(flags.junit) : undefined, timings.total));
  }
  return summary.failed === 0 ? 0 : 1;
}
