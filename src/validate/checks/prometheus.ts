import { join } from 'node:path';
import { execa } from 'execa';
import { parse } from 'yaml';
import { textOf, type WrittenProject } from '../project.js';
import type { Finding } from '../types.js';
import { isYaml } from './parseFiles.js';
import { failedWith, skipped, type Check } from './types.js';

const namedLikeConfig = (path: string) => /(^|\/)prometheus\.ya?ml$/.test(path);

/** A Prometheus server config by name and shape: Grafana's datasource file is often also called prometheus.yml. */
export function isPrometheusConfig(path: string, text: string): boolean {
  if (!namedLikeConfig(path)) return false;
  try {
    const doc = parse(text) as Record<string, unknown> | null;
    return !!doc && typeof doc === 'object' && !('apiVersion' in doc) && ['scrape_configs', 'global', 'rule_files', 'alerting'].some((k) => k in doc);
  } catch {
    return false;
  }
}

const configFiles = (project: WrittenProject) => project.files.filter((f) => isPrometheusConfig(f.path, textOf(f)));

/** YAML files shaped like Prometheus rule files: a top-level `groups` list of named groups with rules. */
export function ruleFiles(project: WrittenProject): string[] {
  return project.files
    .filter((f) => isYaml(f.path) && !namedLikeConfig(f.path) && !f.path.startsWith('.github/'))
    .filter((f) => {
      try {
        const doc = parse(textOf(f)) as { groups?: unknown } | null;
        return Array.isArray(doc?.groups) && doc.groups.some((g) => g && typeof g === 'object' && 'rules' in g);
      } catch {
        return false;
      }
    })
    .map((f) => f.path);
}

function promtoolFindings(output: string, project: WrittenProject, fallbackFile: string): Finding[] {
  const findings: Finding[] = [];
  for (const raw of output.split('\n')) {
    const line = raw.trim();
    if (!line || /^(Checking|SUCCESS|FAILED:?$)/.test(line)) continue;
    const at = /^(?:.*?\/)?([^\s:]+\.ya?ml):(\d+):(?:\d+:)?\s*(.*)$/.exec(line);
    const rel = at ? project.files.find((f) => f.path.endsWith(at[1]!))?.path : undefined;
    const file = rel ?? fallbackFile;
    findings.push({ file, line: at ? Number(at[2]) : undefined, template: project.sources.get(file), message: (at ? at[3]! : line).replaceAll(project.dir, '.') });
  }
  return findings;
}

async function promtool(promtoolPath: string, args: string[], project: WrittenProject, fallbackFile: string): Promise<Finding[]> {
  const result = await execa(promtoolPath, args, { cwd: project.dir, all: true, reject: false, stdin: 'ignore', timeout: 60_000 });
  if (!result.failed) return [];
  const findings = promtoolFindings(result.all ?? '', project, fallbackFile);
  return findings.length ? findings : [{ file: fallbackFile, message: `promtool ${args.slice(0, 2).join(' ')} exited ${result.exitCode}` }];
}

export const promtoolConfigCheck: Check = {
  name: 'promtool-config',
  applies: (p) => configFiles(p).length > 0,
  run: async ({ project, tools }) => {
    if (!tools.promtool) return skipped('promtool is not installed (apt-get install prometheus)');
    const findings: Finding[] = [];
    for (const file of configFiles(project)) {
      // Run on the file in place: its rule_files resolve relative to it.
      findings.push(...(await promtool(tools.promtool, ['check', 'config', join(project.dir, file.path)], project, file.path)));
    }
    return failedWith(findings);
  },
};

export const promtoolRulesCheck: Check = {
  name: 'promtool-rules',
  applies: (p) => ruleFiles(p).length > 0,
  run: async ({ project, tools }) => {
    if (!tools.promtool) return skipped('promtool is not installed (apt-get install prometheus)');
    const files = ruleFiles(project);
    return failedWith(await promtool(tools.promtool, ['check', 'rules', ...files.map((f) => join(project.dir, f))], project, files[0]!));
  },
};
