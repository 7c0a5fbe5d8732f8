import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNginx, localNginxConf } from '../scripts/cluster/nginx.js';
import { parseNginxConfig, printNginxConfig } from '../scripts/cluster/nginxConfig.js';

// `npm run cluster` runs deploy/nginx/nginx.conf itself, with only the
// directives that differ on one machine set from the cluster's options.
const template = fs.readFileSync(path.resolve(import.meta.dirname, '../deploy/nginx/nginx.conf'), 'utf8');
const prefix = path.join(os.tmpdir(), 'api-cluster-test');
const site = { replicaPorts: [9100, 9101, 9102], port: 9080, statusPort: 9081, prefix };

describe('the local cluster nginx config', () => {
  it('reads and prints deploy/nginx/nginx.conf without losing a directive', () => {
    const parsed = parseNginxConfig(template);
    expect(parseNginxConfig(printNginxConfig(parsed))).toEqual(parsed);
  });

  it('points the upstream at the local replicas and listens on 127.0.0.1 only', () => {
    const conf = localNginxConf(template, site);
    expect(conf.match(/^\s*server 127\.0\.0\.1:\d+.*;$/gm)).toEqual(site.replicaPorts.map((p) => expect.stringContaining(`server 127.0.0.1:${p} max_fails=0;`)));
    expect(conf).not.toMatch(/server api-\d+:3000/);
    expect(conf).toMatch(/^\s*listen 127\.0\.0\.1:9080 default_server;$/m);
    expect(conf).toMatch(/^\s*listen 127\.0\.0\.1:9081;$/m);
    expect(conf).toContain(`access_log ${path.join(prefix, 'access.log')} json;`);
    // Everything else is the deployed config: keepalive, retries, body limit.
    for (const line of ['keepalive 64;', 'proxy_next_upstream error timeout http_502 http_503;', 'client_max_body_size 1m;']) expect(conf).toContain(line);
  });

  it('refuses a config without the upstream it has to point', () => {
    expect(() => localNginxConf('events {}\nhttp {}\n', site)).toThrow(/no `upstream api`/);
  });

  let nginx: string | undefined;
  try {
    nginx = findNginx();
  } catch {
    nginx = undefined;
  }
  it.skipIf(!nginx)('is a config nginx accepts', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'api-nginx-'));
    try {
      const file = path.join(dir, 'nginx.conf');
      fs.writeFileSync(file, localNginxConf(template, { ...site, prefix: dir }));
      execFileSync(nginx!, ['-t', '-q', '-e', 'stderr', '-p', dir + path.sep, '-c', file], { stdio: 'pipe' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
