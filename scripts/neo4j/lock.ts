// A small inter-process lock (O_EXCL file holding the owner's pid) so that concurrent start/stop calls
// (parallel test files, the lead's terminal, the server) do not race. A lock whose owner died is taken over.
import { openSync, writeSync, closeSync, readFileSync, unlinkSync } from 'node:fs';
import { isAlive } from './process.ts';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function withLock<T>(
  file: string,
  what: string,
  fn: () => Promise<T>,
  opts: { timeoutMs?: number; log?: (line: string) => void } = {},
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 10 * 60_000;
  const t0 = Date.now();
  let warned = false;
  for (;;) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let owner = NaN;
      try {
        owner = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
      } catch {
        continue; // vanished between open and read: retry
      }
      if (!Number.isInteger(owner) || !isAlive(owner)) {
        try {
          unlinkSync(file); // stale: the owner died
        } catch {
          /* someone else took it over first */
        }
        continue;
      }
      if (Date.now() - t0 > timeoutMs) {
        throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what} (lock ${file} held by pid ${owner})`);
      }
      if (!warned) {
        opts.log?.(`waiting for another ${what} in progress (pid ${owner})…`);
        warned = true;
      }
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
    } catch {
      /* already gone */
    }
  }
}
