import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { localNginxConf, reloadNginx, testConfig } from './nginx.js';

/** The running nginx of the cluster and the config it was last given. */
export class NginxSite {
  readonly confPath: string;
  private readonly template: string;

  constructor(
    root: string,
    private readonly bin: string,
    readonly prefix: string,
    private readonly port: number,
    private readonly statusPort: number,
  ) {
    this.confPath = path.join(prefix, 'nginx.conf');
    this.template = fs.readFileSync(path.join(root, 'deploy', 'nginx', 'nginx.conf'), 'utf8');
  }

  write(replicaPorts: number[], file = this.confPath): void {
    fs.writeFileSync(file, localNginxConf(this.template, { replicaPorts, port: this.port, statusPort: this.statusPort, prefix: this.prefix }));
  }

  args(): string[] {
    return ['-p', this.prefix + path.sep, '-c', this.confPath, '-g', 'daemon off;'];
  }

  /**
   * Points the running nginx at `replicaPorts`: the new config is checked by
   * `nginx -t` first and only then replaces the current one. Resolves when no
   * nginx worker of the previous config is left; throws (nothing changed)
   * when the new config is refused.
   */
  async apply(master: ChildProcess, replicaPorts: number[]): Promise<void> {
    const next = `${this.confPath}.next`;
    this.write(replicaPorts, next);
    const problem = await testConfig(this.bin, this.prefix, next);
    if (problem) {
      fs.rmSync(next, { force: true });
      throw new Error(`nginx refused the new config: ${problem}`);
    }
    fs.renameSync(next, this.confPath);
    await reloadNginx(master);
  }
}
