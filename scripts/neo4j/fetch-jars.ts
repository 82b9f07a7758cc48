// Fetch the Neo4j server jars from Maven Central once into .neo4j/lib (shared by all instances).
// Completeness is recorded in a marker file (version + jar count); an incomplete or outdated lib is re-fetched
// into a temporary folder and swapped in atomically, so an interrupted download never leaves a half lib.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { neo4jRoot } from '../../server/src/db/connection.ts';
import { libDir, POM_FILE } from './paths.ts';
import { run, type RunResult } from './process.ts';
import { withLock } from './lock.ts';

export const MARKER = '.cablescope-lib.json';

interface Marker {
  version: string;
  files: number;
  bytes: number;
  fetchedAt: string;
}

export interface LibInfo {
  version: string;
  files: number;
  bytes: number;
  fetched: boolean;
  ms: number;
}

/** The Neo4j version pinned in scripts/neo4j/pom.xml (single source of truth). */
export function pinnedVersion(): string {
  const m = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(readFileSync(POM_FILE, 'utf8'));
  if (!m?.[1]) throw new Error(`cannot read <neo4j.version> from ${POM_FILE}`);
  return m[1].trim();
}

/** The Maven fetch itself: copies the runtime closure of scripts/neo4j/pom.xml into `outDir`. */
export function runMavenCopy(outDir: string, extraArgs: string[] = []): Promise<RunResult> {
  return run('mvn', ['-q', '-B', '-f', POM_FILE, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${outDir}`, ...extraArgs]);
}

export function jarStats(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.jar')) continue;
    files++;
    bytes += statSync(join(dir, f)).size;
  }
  return { files, bytes };
}

/** The lib folder's state, or null when it is missing, incomplete or for another version. */
export function libState(dir = libDir()): Marker | null {
  const markerFile = join(dir, MARKER);
  if (!existsSync(markerFile)) return null;
  try {
    const m = JSON.parse(readFileSync(markerFile, 'utf8')) as Marker;
    if (m.version !== pinnedVersion()) return null;
    if (jarStats(dir).files !== m.files) return null;
    if (!existsSync(join(dir, `neo4j-${m.version}.jar`))) return null;
    return m;
  } catch {
    return null;
  }
}

export async function ensureJars(log: (line: string) => void = () => {}, opts: { force?: boolean } = {}): Promise<LibInfo> {
  const t0 = Date.now();
  const version = pinnedVersion();
  const ready = !opts.force && libState();
  if (ready) return { version, files: ready.files, bytes: ready.bytes, fetched: false, ms: Date.now() - t0 };
  const lib = libDir();
  // The instances may live elsewhere (CABLESCOPE_NEO4J_INSTANCES), so nothing else has made the root yet.
  mkdirSync(neo4jRoot(), { recursive: true });
  return withLock(
    join(neo4jRoot(), '.lib.lock'),
    'Neo4j jar download',
    async () => {
      const again = !opts.force && libState();
      if (again) return { version, files: again.files, bytes: again.bytes, fetched: false, ms: Date.now() - t0 };
      const mvn = await run('mvn', ['-v'], { timeoutMs: 60_000 }).catch(() => null);
      if (!mvn || mvn.code !== 0) {
        throw new Error(
          `Maven (mvn) is needed once to download the Neo4j ${version} jars from Maven Central into ${lib} ` +
            `(install it, e.g. apt-get install maven), and was not found on PATH.`,
        );
      }
      const tmp = `${lib}.tmp-${process.pid}`;
      rmSync(tmp, { recursive: true, force: true });
      log(`downloading Neo4j ${version} jars from Maven Central (~213 jars, ~123 MB; once) …`);
      const ticker = setInterval(() => log(`  … still fetching (${Math.round((Date.now() - t0) / 1000)} s)`), 15_000);
      let r;
      try {
        r = await runMavenCopy(tmp);
      } finally {
        clearInterval(ticker);
      }
      if (r.code !== 0 || !existsSync(join(tmp, `neo4j-${version}.jar`))) {
        rmSync(tmp, { recursive: true, force: true });
        const out = `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-25).join('\n');
        throw new Error(`fetching the Neo4j jars with Maven failed (exit ${r.code}):\n${out}`);
      }
      const st = jarStats(tmp);
      const marker: Marker = { version, files: st.files, bytes: st.bytes, fetchedAt: new Date().toISOString() };
      writeFileSync(join(tmp, MARKER), JSON.stringify(marker, null, 2) + '\n');
      const old = `${lib}.old-${process.pid}`;
      if (existsSync(lib)) renameSync(lib, old);
      renameSync(tmp, lib);
      rmSync(old, { recursive: true, force: true });
      const ms = Date.now() - t0;
      log(`Neo4j ${version}: ${st.files} jars, ${(st.bytes / 1e6).toFixed(0)} MB in ${lib} (${(ms / 1000).toFixed(1)} s)`);
      return { version, files: st.files, bytes: st.bytes, fetched: true, ms };
    },
    { log },
  );
}
