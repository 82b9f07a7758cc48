// Finding a Java that Neo4j 5.26 accepts (17 or 21).
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { run } from './process.ts';

export const SUPPORTED_JAVA = [17, 21] as const;

export interface JavaInfo {
  bin: string;
  home: string;
  major: number;
  versionLine: string;
}

/** Parses `java -version` output: `openjdk version "17.0.15" …` → 17; `"1.8.0_392"` → 8. */
export function parseJavaMajor(versionOutput: string): number | null {
  const m = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(versionOutput);
  if (!m) return null;
  const first = Number(m[1]);
  return first === 1 && m[2] ? Number(m[2]) : first;
}

export async function probeJava(bin: string): Promise<JavaInfo | null> {
  try {
    const r = await run(bin, ['-version'], { timeoutMs: 20_000 });
    const out = `${r.stderr}\n${r.stdout}`;
    const major = parseJavaMajor(out);
    if (r.code !== 0 || major === null) return null;
    let real = bin;
    try {
      real = realpathSync(bin);
    } catch {
      /* keep as is */
    }
    return { bin, home: dirname(dirname(real)), major, versionLine: out.trim().split('\n')[0] ?? '' };
  } catch {
    return null; // ENOENT etc.
  }
}

export function isSupportedJava(major: number): boolean {
  return (SUPPORTED_JAVA as readonly number[]).includes(major);
}

/**
 * JAVA_HOME's java, else `java` on PATH; when that one is not 17/21, a 17/21 JDK under /usr/lib/jvm
 * (Debian/Ubuntu layout) is used instead and the log says so. Throws a clear error otherwise.
 */
export async function findJava(log: (line: string) => void = () => {}): Promise<JavaInfo> {
  const tried: JavaInfo[] = [];
  const candidates: string[] = [];
  if (process.env.JAVA_HOME) candidates.push(join(process.env.JAVA_HOME, 'bin', 'java'));
  candidates.push('java');
  for (const c of candidates) {
    const info = await probeJava(c);
    if (!info) continue;
    if (isSupportedJava(info.major)) {
      if (tried.length) log(`Java ${tried[0]!.major} (${tried[0]!.bin}) is not supported by Neo4j 5.26; using Java ${info.major} at ${info.home}`);
      return info;
    }
    tried.push(info);
  }
  const jvmRoot = '/usr/lib/jvm';
  if (existsSync(jvmRoot)) {
    for (const d of readdirSync(jvmRoot).sort()) {
      const bin = join(jvmRoot, d, 'bin', 'java');
      if (!existsSync(bin)) continue;
      const info = await probeJava(bin);
      if (info && isSupportedJava(info.major)) {
        if (tried.length) log(`Java ${tried[0]!.major} (${tried[0]!.bin}) is not supported by Neo4j 5.26; using Java ${info.major} at ${info.home}`);
        return info;
      }
    }
  }
  if (tried.length) {
    const t = tried[0]!;
    throw new Error(
      `Java ${t.major} found (${t.bin}: ${t.versionLine}), but Neo4j 5.26 needs Java 17 or 21. ` +
        `Install OpenJDK 17 (e.g. apt-get install openjdk-17-jre-headless) and/or point JAVA_HOME at it.`,
    );
  }
  throw new Error(
    'Java not found (no JAVA_HOME, no `java` on PATH). Neo4j 5.26 needs Java 17 or 21: ' +
      'install OpenJDK 17 (e.g. apt-get install openjdk-17-jre-headless) or set JAVA_HOME.',
  );
}
