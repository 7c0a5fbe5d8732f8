import fs from 'node:fs';
import path from 'node:path';
import { localNginxConf } from './nginx.js';

/**
 * The cluster's nginx config, written once at start: each replica slot keeps
 * its port for the cluster's lifetime, so a rolling restart never reloads
 * nginx (a reload closes the idle kept-alive connections of its clients).
 */
export class NginxSite {
  readonly confPath: string;
  private readonly template: string;

  constructor(
    root: string,
    readonly prefix: string,
    private readonly port: number,
    private readonly statusPort: number,
  ) {
    this.confPath = path.join(prefix, 'nginx.conf');
    this.template = fs.readFileSync(path.join(root, 'deploy', 'nginx', 'nginx.conf'), 'utf8');
  }

  write(replicaPorts: number[]): void {
    fs.writeFileSync(this.confPath, localNginxConf(this.template, { replicaPorts, port: this.port, statusPort: this.statusPort, prefix: this.prefix }));
  }

  args(): string[] {
    return ['-p', this.prefix + path.sep, '-c', this.confPath, '-g', 'daemon off;'];
  }
}
