/**
 * Builds the explorer into client/dist: esbuild bundles of the page (src/main.ts) and of the
 * layout worker (src/layout/worker.ts), plus index.html and the stylesheet.
 *
 *   npm run build:client            one-off production build (minified, no source maps)
 *   npm run build:client -- --watch rebuild on change
 */
import { cp, mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const client = join(root, 'client');
const dist = join(client, 'dist');

export async function buildClient(opts: { watch?: boolean; quiet?: boolean } = {}): Promise<void> {
  const started = Date.now();
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });
  const options: esbuild.BuildOptions = {
    entryPoints: {
      main: join(client, 'src/main.ts'),
      'layout-worker': join(client, 'src/layout/worker.ts'),
    },
    outdir: dist,
    bundle: true,
    format: 'esm',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
    minify: !opts.watch,
    // Maps only while developing (inline, so no .map file is ever built or served).
    sourcemap: opts.watch ? 'inline' : false,
    legalComments: 'none',
    logLevel: opts.quiet ? 'error' : 'warning',
    tsconfig: join(client, 'tsconfig.json'),
  };
  const copyStatic = async () => {
    await cp(join(client, 'index.html'), join(dist, 'index.html'));
    await cp(join(client, 'styles/app.css'), join(dist, 'app.css'));
    await cp(join(client, 'favicon.svg'), join(dist, 'favicon.svg'));
  };
  if (opts.watch) {
    const ctx = await esbuild.context({
      ...options,
      plugins: [{ name: 'static', setup: (b) => b.onEnd(() => void copyStatic()) }],
    });
    await ctx.watch();
    console.log(`watching client → ${dist}`);
    return;
  }
  await esbuild.build(options);
  await copyStatic();
  if (!opts.quiet) console.log(`client built in ${Date.now() - started} ms → ${dist}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  buildClient({ watch: process.argv.includes('--watch') }).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
