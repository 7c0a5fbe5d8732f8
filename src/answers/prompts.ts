import { basename, resolve } from 'node:path';
import * as p from '@clack/prompts';
import { CancelledError } from '../errors.js';
import { type Answers, type Cache, type Db, type PackageManager, pmChoices, replicasProblem, wholeNumberOf } from './types.js';
import { tracingPrompt } from '../features/tracing.js';
import { whyInvalidName } from './validateName.js';

function answered<T>(value: T): Exclude<T, symbol> {
  if (p.isCancel(value) || typeof value === 'symbol') {
    p.cancel('Cancelled');
    throw new CancelledError();
  }
  return value as Exclude<T, symbol>;
}

export function introduce(version: string): void {
  p.intro(`create-scaled-api ${version}`);
}

export async function askDirectory(nameGiven: boolean): Promise<string> {
  return answered(
    await p.text({
      message: 'Where should the project go?',
      placeholder: 'my-api',
      defaultValue: 'my-api',
      validate: (value) => {
        const dir = value?.trim() || 'my-api';
        if (nameGiven) return undefined;
        const problem = whyInvalidName(basename(resolve(dir)));
        return problem ? `The folder name is used as package name, and ${problem}.` : undefined;
      },
    }),
  ).trim() || 'my-api';
}

type Feature = 'monitoring' | 'docker' | 'k8s' | 'tracing' | 'ci';

/** Asks for every answer the flags and the preset left open; returns only those. */
export async function askOpenAnswers(decided: Partial<Answers>, detectedPm: PackageManager): Promise<Partial<Answers>> {
  const asked: Partial<Answers> = {};
  if (decided.db === undefined) {
    asked.db = answered(
      await p.select<Db>({
        message: 'Database',
        initialValue: 'postgres',
        options: [
          { value: 'postgres', label: 'PostgreSQL', hint: 'embedded PGlite when DATABASE_URL is unset' },
          { value: 'none', label: 'None', hint: 'in-process store, one per replica' },
        ],
      }),
    );
  }
  if (decided.cache === undefined) {
    asked.cache = answered(
      await p.select<Cache>({
        message: 'Cache-aside for reads by id',
        initialValue: 'redis',
        options: [
          { value: 'redis', label: 'Redis', hint: 'shared by replicas; memory when REDIS_URL is unset' },
          { value: 'memory', label: 'In-process memory' },
          { value: 'none', label: 'None' },
        ],
      }),
    );
  }
  if (decided.replicas === undefined) {
    const text = answered(
      await p.text({
        message: 'API replicas behind Nginx',
        placeholder: '2',
        defaultValue: '2',
        validate: (value) => {
          const problem = replicasProblem(wholeNumberOf(value?.trim() || '2'));
          return problem && `The number of replicas ${problem}.`;
        },
      }),
    );
    asked.replicas = wholeNumberOf(text.trim() || '2');
  }
  const open: Feature[] = (['monitoring', 'docker', 'k8s', 'tracing', 'ci'] as const).filter((f) => decided[f] === undefined);
  if (open.length > 0) {
    const labels: Record<Feature, { label: string; hint: string; on: boolean }> = {
      monitoring: { label: 'Monitoring', hint: 'Prometheus scrape, alert rules, Grafana dashboard', on: true },
      docker: { label: 'Docker', hint: 'Dockerfile + docker-compose.yml', on: true },
      k8s: { label: 'Kubernetes', hint: 'Deployment, Service, HPA, PDB, Ingress', on: false },
      tracing: tracingPrompt,
      ci: { label: 'GitHub Actions CI', hint: '.github/workflows/ci.yml', on: true },
    };
    const chosen = answered(
      await p.multiselect<Feature>({
        message: 'Extras (space to toggle, enter to accept)',
        required: false,
        options: open.map((f) => ({ value: f, label: labels[f].label, hint: labels[f].hint })),
        initialValues: open.filter((f) => labels[f].on),
      }),
    );
    for (const f of open) {
      if (f === 'ci') asked.ci = chosen.includes('ci') ? 'github' : 'none';
      else asked[f] = chosen.includes(f);
    }
  }
  if (decided.pm === undefined) {
    asked.pm = answered(
      await p.select<PackageManager>({
        message: 'Package manager',
        initialValue: detectedPm,
        options: pmChoices.map((pm) => ({ value: pm, label: pm })),
      }),
    );
  }
  return asked;
}

export async function confirmSummary(directory: string, answers: Answers, steps: string[]): Promise<void> {
  const lines = [
    `folder      ${directory}`,
    `package     ${answers.name}`,
    `database    ${answers.db}`,
    `cache       ${answers.cache}`,
    `replicas    ${answers.replicas}`,
    `extras      ${extrasOf(answers) || 'none'}`,
    `pm          ${answers.pm}`,
    `then        ${steps.join(', ') || 'nothing'}`,
  ];
  p.note(lines.join('\n'), 'Summary');
  const ok = answered(await p.confirm({ message: 'Create the project?', initialValue: true }));
  if (!ok) {
    p.cancel('Cancelled');
    throw new CancelledError();
  }
}

export function extrasOf(answers: Answers): string {
  return [
    answers.monitoring && 'monitoring',
    answers.docker && 'docker',
    answers.k8s && 'k8s',
    answers.tracing && 'tracing',
    answers.ci !== 'none' && `${answers.ci} ci`,
  ]
    .filter(Boolean)
    .join(', ');
}
