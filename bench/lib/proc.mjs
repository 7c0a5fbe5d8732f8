// Processes the bench starts: each in its own process group, all stopped on
// exit, on failure and on Ctrl-C. Never kills anything it did not start.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

const groups = new Set();

/** process.env plus extra; an extra key set to undefined is removed. */
export function envWith(extra = {}) {
  const env = { ...process.env };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = String(v);
  }
  return env;
}

/** Starts a long-running server in its own process group; output goes to logFile. */
export function startGroup(file, args, { cwd, env, logFile }) {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(file, args, { cwd, env: envWith(env), detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  groups.add(child.pid);
  child.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.once('exit', () => groups.delete(child.pid));
  child.once('error', () => groups.delete(child.pid));
  return child;
}

function signalGroup(pid, signal) {
  signalPid(-pid, signal);
}

/**
 * Stops (SIGSTOP) a server and everything it started; returns the function
 * that lets them go on (SIGCONT).
 */
export function pauseTree(child) {
  const pids = [child.pid, ...descendants(child.pid)];
  for (const pid of pids) signalPid(pid, 'SIGSTOP');
  return () => {
    for (const pid of pids.reverse()) signalPid(pid, 'SIGCONT');
  };
}

function signalPid(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch {
    /* already gone */
  }
}

/** SIGTERM to the group, SIGKILL after graceMs if anything is left. */
export async function stopGroup(child, graceMs = 5000) {
  if (!child?.pid) return;
  // Children that moved to their own group (nginx, replicas) are found by parentage.
  const tree = descendants(child.pid);
  signalGroup(child.pid, 'SIGTERM');
  const done = await Promise.race([child.exited.then(() => true), sleep(graceMs).then(() => false)]);
  await sleep(300);
  signalGroup(child.pid, 'SIGKILL');
  for (const pid of tree) signalPid(pid, 'SIGKILL');
  groups.delete(child.pid);
  return done;
}

function procTable() {
  const rows = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue;
      rows.push({ pid: Number(d), ppid: Number(fields[1]), pgid: Number(fields[2]) });
    } catch {
      /* gone */
    }
  }
  return rows;
}

/** Every live descendant of pid (not pid itself). */
export function descendants(pid) {
  const rows = procTable();
  const out = [];
  const todo = [pid];
  while (todo.length) {
    const p = todo.pop();
    for (const r of rows) if (r.ppid === p) {
      out.push(r.pid);
      todo.push(r.pid);
    }
  }
  return out;
}

/** RSS in MB of pid and all its descendants, leaving out processes named in skipComm. */
export function treeRssMb(pid, skipComm = []) {
  let sum = 0;
  let any = false;
  for (const p of [pid, ...descendants(pid)]) {
    let comm = '';
    try {
      comm = fs.readFileSync(`/proc/${p}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (skipComm.includes(comm)) continue;
    const r = rssMb(p);
    if (r !== undefined) {
      sum += r;
      any = true;
    }
  }
  return any ? sum : undefined;
}

export function stopAllNow() {
  const trees = [...groups].flatMap((pid) => descendants(pid));
  for (const pid of groups) {
    signalGroup(pid, 'SIGTERM');
  }
  const until = Date.now() + 1500;
  while (Date.now() < until && [...groups].some(groupAlive)) spawnSync('sleep', ['0.1']);
  for (const pid of groups) signalGroup(pid, 'SIGKILL');
  for (const pid of trees) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  groups.clear();
}

function groupAlive(pgid) {
  return procTable().some((r) => r.pgid === pgid);
}

let installed = false;
export function installCleanup() {
  if (installed) return;
  installed = true;
  process.once('exit', stopAllNow);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => {
      process.stderr.write(`\nbench: ${sig}, stopping everything it started\n`);
      stopAllNow();
      process.exit(130);
    });
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export async function isPortFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** Polls url until it answers 2xx; throws after timeoutMs or when the child exits. */
export async function waitHttp(url, timeoutMs, child) {
  const until = Date.now() + timeoutMs;
  let exited = false;
  child?.exited.then(() => (exited = true));
  let last = '';
  while (Date.now() < until) {
    if (exited) throw new Error(`exited before ${url} answered`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.cause?.code ?? e.message;
    }
    await sleep(150);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s (${last})`);
}

/** Resident memory in MB of one pid, from /proc/<pid>/status VmRSS. */
export function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Runs a command to completion with a time bound; never throws, returns {code, stdout, stderr, ms}. */
export function run(file, args, { cwd, env, timeoutMs = 600_000, input } = {}) {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(file, args, { cwd, env: envWith(env), detached: true, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    groups.add(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    if (input !== undefined) {
      child.stdin.on('error', () => undefined);
      child.stdin.end(input);
    }
    const timer = setTimeout(() => {
      stderr += `\n[bench: timed out after ${timeoutMs / 1000} s]`;
      signalGroup(child.pid, 'SIGKILL');
    }, timeoutMs);
    const finish = (code) => {
      clearTimeout(timer);
      groups.delete(child.pid);
      // Anything the command left behind in its group goes too.
      signalGroup(child.pid, 'SIGKILL');
      resolve({ code, stdout, stderr, ms: performance.now() - start });
    };
    child.once('error', (e) => {
      stderr += String(e);
      finish(127);
    });
    child.once('close', (code, signal) => finish(code ?? (signal ? 128 : 1)));
  });
}

export function tail(text, lines = 3) {
  return String(text).trim().split('\n').slice(-lines).join(' | ').slice(0, 400);
}
