import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { packageFile } from '../../utils/packageFile.js';
import { textOf } from '../project.js';
import type { Finding } from '../types.js';
import { failedWith, type Check } from './types.js';
import { lineOfPointer, parseLocated } from './yamlLocate.js';

export const isComposeFile = (path: string) => /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/.test(path);

// Go's time.ParseDuration syntax ("1m30s", "500ms"), which compose uses for every duration.
const goDuration = /^[-+]?(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$|^0$/;

let compiled: ValidateFunction | undefined;
function composeValidator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(packageFile('schemas/compose-spec.json'), 'utf8')) as Record<string, unknown>;
    // The schema names draft-07 by its https URL, which ajv does not know by that name; draft-07 is ajv's default.
    delete schema.$schema;
    // strict: false because the schema uses keywords (deprecated, $comment patterns) ajv's strict mode rejects.
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('duration', goDuration);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/**
 * Compose interpolates before it validates: `${VAR:-default}` and
 * `${VAR-default}` become the default, `${VAR}` an empty string (a warning
 * in compose), `$$` a literal `$`.
 */
export function interpolate(value: unknown): unknown {
  if (typeof value === 'string') {
    return value
      .replace(/\$\$/g, '\0')
      .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?+]([^}]*))?\}/g, (_m, _name: string, fallback?: string) => fallback ?? '')
      .replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, '')
      .replace(/\0/g, '$');
  }
  if (Array.isArray(value)) return value.map(interpolate);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v)]));
  return value;
}

export const composeCheck: Check = {
  name: 'compose',
  applies: (p) => p.files.some((f) => isComposeFile(f.path)),
  run: async ({ project }) => {
    const validate = composeValidator();
    const findings: Finding[] = [];
    for (const file of project.files.filter((f) => isComposeFile(f.path))) {
      const [located] = parseLocated(textOf(file));
      if (!located || located.doc.errors.length) continue; // The yaml check reports it.
      const data = interpolate(located.doc.toJS({ maxAliasCount: 1000 }));
      if (validate(data)) continue;
      for (const error of validate.errors ?? []) {
        if (error.keyword === 'if' || error.keyword === 'oneOf' || error.keyword === 'anyOf') continue;
        findings.push({
          file: file.path,
          // An unknown key is best shown on its own line, not its parent's.
          line: lineOfPointer(located, error.params && 'additionalProperty' in error.params ? `${error.instancePath}/${String(error.params.additionalProperty)}` : error.instancePath),
          template: project.sources.get(file.path),
          message: `${error.instancePath || '(top)'} ${error.message ?? 'is invalid'}${error.params && 'additionalProperty' in error.params ? `: ${String(error.params.additionalProperty)}` : ''}`,
        });
      }
      if (findings.length === 0) findings.push({ file: file.path, template: project.sources.get(file.path), message: 'does not match the compose schema' });
    }
    return failedWith(findings);
  },
};
