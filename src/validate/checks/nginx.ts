import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { textOf } from '../project.js';
import type { Finding } from '../types.js';
import { failedWith, skipped, type Check } from './types.js';

export const isNginxConf = (path: string) => /(^|\/)nginx[^/]*(\/[^/]+)?\.conf$/.test(path) || /(^|\/)nginx\/.+\.conf$/.test(path);

const tempPaths = ['client_body_temp_path', 'proxy_temp_path', 'fastcgi_temp_path', 'uwsgi_temp_path', 'scgi_temp_path'];

/**
 * Makes a compose-style config testable by `nginx -t` without root and
 * without the compose network, keeping every line where it was so nginx's
 * line numbers still point into the generated file:
 *  - upstream servers (`server api-1:3000`) → 127.0.0.1, since nginx resolves them;
 *  - pid, temp and log paths → inside the prefix;
 *  - temp paths the config does not set are added on the `http {` line.
 */
export function prepareForTest(conf: string, prefix: string): string {
  let text = conf
    .replace(/^(\s*server\s+)([A-Za-z][\w.-]*)(:\d+)/gm, (_m, lead: string, _host: string, port: string) => `${lead}127.0.0.1${port}`)
    .replace(/^(\s*pid\s+)[^;]+;/m, `$1${join(prefix, 'nginx.pid')};`)
    // /dev/stdout too: nginx cannot open it when its stdout is a socket.
    .replace(/^(\s*(?:error_log|access_log)\s+)(\/(?!dev\/null)[^\s;]+)/gm, (_m, lead: string, path: string) => `${lead}${join(prefix, 'logs', path.replaceAll('/', '_'))}`);
  for (const directive of tempPaths) {
    text = text.replace(new RegExp(`^(\\s*${directive}\\s+)[^;\\s]+`, 'm'), `$1${join(prefix, directive)}`);
  }
  const missing = tempPaths.filter((d) => !new RegExp(`^\\s*${d}\\s`, 'm').test(text));
  if (missing.length) text = text.replace(/^(\s*http\s*\{)/m, `$1 ${missing.map((d) => `${d} ${join(prefix, d)};`).join(' ')}`);
  if (!/^\s*pid\s/m.test(text)) text = `pid ${join(prefix, 'nginx.pid')}; ${text}`;
  return text;
}

export const nginxCheck: Check = {
  name: 'nginx',
  applies: (p) => p.files.some((f) => isNginxConf(f.path)),
  run: async ({ project, tools }) => {
    if (!tools.nginx) return skipped('nginx is not installed (apt-get install nginx-light)');
    const findings: Finding[] = [];
    for (const file of project.files.filter((f) => isNginxConf(f.path))) {
      const prefix = await mkdtemp(join(tmpdir(), 'csa-nginx-'));
      try {
        const conf = join(prefix, 'nginx.conf');
        await mkdir(join(prefix, 'logs'));
        await writeFile(conf, prepareForTest(textOf(file), prefix));
        const result = await execa(tools.nginx, ['-t', '-q', '-p', `${prefix}/`, '-c', conf, '-e', join(prefix, 'error.log')], {
          all: true,
          reject: false,
          stdin: 'ignore',
          timeout: 30_000,
        });
        if (result.failed) {
          const lines = (result.all ?? '').split('\n').filter((l) => /\[(emerg|alert|crit|error)\]/.test(l));
          for (const l of lines.length ? lines : [(result.all ?? '').trim() || `nginx -t exited ${result.exitCode}`]) {
            const at = / in (\S+):(\d+)\s*$/.exec(l);
            findings.push({
              file: file.path,
              line: at && at[1] === conf ? Number(at[2]) : undefined,
              template: project.sources.get(file.path),
              message: l.replace(/^nginx: /, '').replace(/ in \S+:\d+\s*$/, '').replaceAll(prefix, '<prefix>'),
            });
          }
        }
      } finally {
        await rm(prefix, { recursive: true, force: true });
      }
    }
    return failedWith(findings);
  },
};
