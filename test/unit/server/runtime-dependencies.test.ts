/**
 * The runtime does not depend on a dev tool: every package that `npm start`, `serve`, `import`,
 * `stats`, `db:*` and `build:client` load, following their imports from the entry points, is a
 * runtime dependency (tsx included: those npm scripts run TypeScript through it), so they work
 * after `npm ci --omit=dev`.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(new URL('../../../', import.meta.url).pathname);
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const RUNTIME_SCRIPTS = ['start', 'serve', 'import', 'stats', 'db:start', 'db:stop', 'db:status', 'db:reset', 'build:client'];

/** Static imports and re-exports, `import('x')`, and `new URL('./x', import.meta.url)` (worker files). */
const SPECIFIERS = /^\s*(?:import|export)\s[^;]*?\bfrom\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"](\.[^'"]+)['"]\s*,\s*import\.meta\.url\)/gm;

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** Bare packages reachable from the entry files through relative imports. */
function packagesReachable(entries: string[]): Map<string, string> {
  const found = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file) || !/\.(ts|mjs|js)$/.test(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(SPECIFIERS)) {
      const spec = (m[1] ?? m[2] ?? m[3] ?? m[4])!;
      if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec));
      else if (!spec.startsWith('node:')) found.set(packageOf(spec), path.relative(root, file));
    }
  };
  entries.forEach(visit);
  return found;
}

test('the runtime npm scripts run through tsx, a runtime dependency, and name their entry files', () => {
  for (const name of RUNTIME_SCRIPTS) {
    const command = pkg.scripts[name];
    assert.ok(command, `npm script ${name}`);
    const [tool, entry] = command.split(/\s+/);
    assert.ok(tool === 'tsx' || tool === 'node', `${name}: ${command}`);
    if (tool === 'tsx') assert.ok(pkg.dependencies.tsx, 'tsx is a dependency');
    assert.ok(existsSync(path.join(root, entry!)), `${name}: ${entry}`);
  }
});

test('every package the runtime loads is a dependency, not a devDependency', () => {
  const entries = RUNTIME_SCRIPTS.map((name) => path.join(root, pkg.scripts[name]!.split(/\s+/)[1]!));
  const packages = packagesReachable(entries);
  assert.ok(packages.has('express') && packages.has('neo4j-driver') && packages.has('esbuild'), [...packages.keys()].join(', '));
  for (const [name, from] of packages) {
    assert.ok(pkg.dependencies[name], `${name} (imported by ${from}) must be in dependencies${pkg.devDependencies[name] ? ', not devDependencies' : ''}`);
  }
});
