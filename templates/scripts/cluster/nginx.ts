import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fail } from './log.js';
import { find, parseNginxConfig, printNginxConfig, type Directive } from './nginxConfig.js';
import { findExecutable } from './processes.js';

// Debian and Homebrew install nginx outside a normal user's PATH (/usr/sbin), so look there too.
export function findNginx(): string {
  const fromEnv = process.env.NGINX_BIN;
  if (fromEnv) {
    try {
      fs.accessSync(fromEnv, fs.constants.X_OK);
      return fromEnv;
    } catch {
      fail(`NGINX_BIN=${fromEnv} is not an executable file`);
    }
  }
  const found = findExecutable('nginx', ['/usr/sbin', '/usr/local/sbin', '/usr/local/nginx/sbin', '/opt/homebrew/bin', '/usr/local/bin']);
  if (found) return found;
  fail('nginx is not installed (looked in PATH and /usr/sbin). Install it (apt-get install nginx-light, brew install nginx) or set NGINX_BIN.');
}

export interface LocalSite {
  replicaPorts: number[];
  port: number;
  statusPort: number;
  /** nginx's prefix: pid, temp files and the access log live here. */
  prefix: string;
}

/**
 * deploy/nginx/nginx.conf, the one config for compose and for this cluster,
 * with the directives that differ on one machine set from the cluster's
 * options: the upstream servers (127.0.0.1 ports instead of api-N:3000), the
 * two listen addresses, the worker count, and the access log path.
 */
export function localNginxConf(template: string, site: LocalSite): string {
  const conf = parseNginxConfig(template);
  const http = find(conf, 'http')?.children;
  const upstream = find(http, 'upstream', (a) => a[0] === 'api');
  const servers = upstream?.children?.filter((d) => d.name === 'server') ?? [];
  if (!upstream?.children || !servers.length) fail('deploy/nginx/nginx.conf has no `upstream api` with `server host:port` lines');
  const params = servers[0]!.args.slice(1);
  const local: Directive[] = site.replicaPorts.map((p) => ({ name: 'server', args: [`127.0.0.1:${p}`, ...params] }));
  upstream.children = [...local, ...upstream.children.filter((d) => d.name !== 'server')];

  const listen = (from: number, to: number) => {
    const server = (http ?? []).find((d) => d.name === 'server' && find(d.children, 'listen', (a) => a[0] === String(from)));
    const directive = find(server?.children, 'listen', (a) => a[0] === String(from));
    if (!directive) fail(`deploy/nginx/nginx.conf has no \`listen ${from}\` to move to 127.0.0.1:${to}`);
    directive.args = [`127.0.0.1:${to}`, ...directive.args.slice(1)];
  };
  listen(8080, site.port);
  listen(8081, site.statusPort);

  const workers = find(conf, 'worker_processes');
  if (workers) workers.args = [String(Math.max(1, Math.min(os.availableParallelism(), 4)))];
  for (const d of http ?? []) {
    if (d.name === 'access_log' && d.args[0] === '/dev/stdout') d.args = [path.join(site.prefix, 'access.log'), ...d.args.slice(1)];
  }
  return printNginxConfig(conf);
}
