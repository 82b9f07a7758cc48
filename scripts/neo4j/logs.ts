// Tails of the instance's log files, for error messages when the server fails to start.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function tailFile(file: string, lines: number, since = 0, maxBytes = 256 * 1024): string[] {
  if (!existsSync(file)) return [];
  const size = statSync(file).size;
  if (size < since) since = 0; // rotated
  const len = Math.min(size - since, maxBytes);
  if (len <= 0) return [];
  const buf = Buffer.alloc(len);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buf, 0, len, size - len);
  } finally {
    closeSync(fd);
  }
  return buf.toString('utf8').split('\n').filter((l) => l.trim()).slice(-lines);
}

const LOG_FILES = ['neo4j.log', 'debug.log'] as const;

/** Current sizes of the log files: pass to logTails to show only what was written after this point. */
export function logOffsets(logsDir: string): Record<string, number> {
  const o: Record<string, number> = {};
  for (const f of LOG_FILES) o[f] = existsSync(join(logsDir, f)) ? statSync(join(logsDir, f)).size : 0;
  return o;
}

export function logTails(logsDir: string, lines = 20, since: Record<string, number> = {}): string {
  const parts: string[] = [];
  for (const f of LOG_FILES) {
    const t = tailFile(join(logsDir, f), lines, since[f] ?? 0);
    if (t.length) parts.push(`--- last ${t.length} lines of ${join(logsDir, f)} ---\n${t.join('\n')}`);
  }
  return parts.length ? parts.join('\n') : `(nothing new in ${join(logsDir, 'neo4j.log')} / debug.log)`;
}

/** The launcher's output without its "Directories in use" banner. */
export function launcherOutput(out: string): string {
  return out
    .split('\n')
    .filter((l) => l.trim() && !/^(Directories in use:|[a-z]+:\s+\/)/.test(l))
    .join('\n');
}
