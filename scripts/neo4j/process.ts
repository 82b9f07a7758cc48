// Processes: pid files, liveness, identifying our Neo4j JVMs, running java, waiting for exit.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, unlinkSync } from 'node:fs';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readPid(pidFile: string): number | null {
  if (!existsSync(pidFile)) return null;
  const n = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
  return Number.isInteger(n) && n > 0 ? n : null;
}

export function removeFile(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    /* already gone */
  }
}

function cmdline(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return null;
  }
}

/** The server JVM is `… CommunityEntryPoint --home-dir=<home> …`; launchers/admin carry `-Dbasedir=<home>`. */
function belongsTo(args: string[], home: string): boolean {
  return args.includes(`--home-dir=${home}`) || args.includes(`-Dbasedir=${home}`);
}

/** True when `pid` is a live Neo4j JVM of the instance at `home` (guards against pid reuse). */
export function isOurNeo4j(pid: number, home: string): boolean {
  if (!isAlive(pid)) return false;
  const args = cmdline(pid);
  if (args === null) return existsSync('/proc/self') ? false : true; // no /proc (macOS): trust liveness
  return args.some((a) => a.startsWith('org.neo4j.')) && belongsTo(args, home);
}

/** Neo4j server JVMs of the instance at `home`, found by scanning /proc (for a missing/deleted pid file). */
export function findInstanceJvms(home: string): number[] {
  if (!existsSync('/proc/self')) return [];
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    const args = cmdline(pid);
    // the server JVM (not a launcher / admin command) of this home
    if (args && args.includes(`--home-dir=${home}`) && args.some((a) => /^org\.neo4j\.server\.(CommunityEntryPoint|Neo4jCommunity)$/.test(a))) out.push(pid);
  }
  return out;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; onLine?: (line: string) => void } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let pending = '';
    const feed = (chunk: string) => {
      if (!opts.onLine) return;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) if (l.trim()) opts.onLine(l.trimEnd());
    };
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
      feed(c);
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
      feed(c);
    });
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          child.kill('SIGKILL');
        }, opts.timeoutMs)
      : null;
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (pending.trim() && opts.onLine) opts.onLine(pending.trimEnd());
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const t0 = Date.now();
  while (isAlive(pid)) {
    if (Date.now() - t0 > timeoutMs) return false;
    await sleep(200);
  }
  return true;
}
