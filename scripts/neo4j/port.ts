// Is a TCP port free on the loopback address? (checked before starting, to report conflicts clearly)
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { run } from './process.ts';

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** Best-effort description of who listens on the port (via `ss`), for error messages. */
export async function portHolder(port: number): Promise<string | null> {
  const r = await run('ss', ['-Hltnp', `sport = :${port}`], { timeoutMs: 5000 }).catch(() => null);
  if (!r || r.code !== 0) return null;
  const line = r.stdout.trim().split('\n')[0];
  if (!line) return null;
  const proc = /users:\(\("([^"]+)",pid=(\d+)/.exec(line);
  if (!proc) return line.replace(/\s+/g, ' ');
  let home: string | undefined;
  try {
    home = readFileSync(`/proc/${proc[2]}/cmdline`, 'utf8').split('\0').find((a) => a.startsWith('--home-dir='))?.slice('--home-dir='.length);
  } catch {
    /* not readable */
  }
  return home ? `another Neo4j server (pid ${proc[2]}, home ${home})` : `${proc[1]} (pid ${proc[2]})`;
}
