import type { Finding } from '../types.js';
import { textOf } from '../project.js';
import { failedWith, type Check } from './types.js';
import { lineOfPointer, parseLocated, type LocatedDocument } from './yamlLocate.js';

/** An OpenTelemetry Collector config by its place: `deploy/otel-collector/*.yaml` or an `otel-collector*.yaml` file. */
export const isCollectorConfig = (path: string) => /(^|\/)otel-collector(\/[^/]+|[\w.-]*)\.ya?ml$/.test(path);

const sections = ['receivers', 'processors', 'exporters', 'connectors', 'extensions'] as const;
const signals = ['traces', 'metrics', 'logs', 'profiles'];

type Section = (typeof sections)[number];
type Config = Partial<Record<Section, Record<string, unknown> | null>> & {
  service?: { extensions?: unknown; pipelines?: Record<string, Record<string, unknown> | null> };
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What the collector itself would refuse at start, checked offline: every
 * pipeline is `<signal>[/<name>]`, has receivers and exporters, and names only
 * components defined in their sections (connectors count as both ends).
 */
export function collectorProblems(config: unknown): { pointer: string; message: string }[] {
  if (!isObject(config)) return [{ pointer: '', message: 'is not a mapping of collector settings' }];
  const c = config as Config;
  const problems: { pointer: string; message: string }[] = [];
  const defined = (section: Section) => new Set(Object.keys(isObject(c[section]) ? c[section]! : {}));
  const pipelines = c.service?.pipelines;
  if (!isObject(pipelines) || Object.keys(pipelines).length === 0) {
    return [{ pointer: '/service', message: 'service.pipelines defines no pipeline' }];
  }
  const connectors = defined('connectors');
  for (const [id, pipeline] of Object.entries(pipelines)) {
    const at = `/service/pipelines/${id}`;
    if (!signals.includes(id.split('/')[0]!)) problems.push({ pointer: at, message: `pipeline "${id}" must be named ${signals.join(', ')} (optionally /name)` });
    const lists: [string, Section][] = [
      ['receivers', 'receivers'],
      ['processors', 'processors'],
      ['exporters', 'exporters'],
    ];
    for (const [key, section] of lists) {
      const names = isObject(pipeline) ? pipeline[key] : undefined;
      if (names === undefined && key === 'processors') continue;
      if (!Array.isArray(names) || (names.length === 0 && key !== 'processors')) {
        problems.push({ pointer: at, message: `pipeline "${id}" needs a list of ${key}` });
        continue;
      }
      const known = defined(section);
      names.forEach((name, i) => {
        const ok = typeof name === 'string' && (known.has(name) || (key !== 'processors' && connectors.has(name)));
        if (!ok) problems.push({ pointer: `${at}/${key}/${i}`, message: `pipeline "${id}" uses ${key.slice(0, -1)} "${String(name)}", which is not defined under ${section}` });
      });
    }
  }
  const extensions = c.service?.extensions;
  if (extensions !== undefined) {
    const known = defined('extensions');
    (Array.isArray(extensions) ? extensions : [extensions]).forEach((name, i) => {
      if (typeof name !== 'string' || !known.has(name)) problems.push({ pointer: `/service/extensions/${i}`, message: `service uses extension "${String(name)}", which is not defined under extensions` });
    });
  }
  return problems;
}

export const otelCollectorCheck: Check = {
  name: 'otel-collector',
  applies: (p) => p.files.some((f) => isCollectorConfig(f.path)),
  run: async ({ project }) => {
    const findings: Finding[] = [];
    for (const file of project.files.filter((f) => isCollectorConfig(f.path))) {
      const [located] = parseLocated(textOf(file)) as (LocatedDocument | undefined)[];
      if (!located || located.doc.errors.length) continue; // The yaml check reports it.
      for (const problem of collectorProblems(located.doc.toJS())) {
        findings.push({ file: file.path, line: lineOfPointer(located, problem.pointer), template: project.sources.get(file.path), message: problem.message });
      }
    }
    return failedWith(findings);
  },
};
