/**
 * Temporary folders for tests. Each is removed, with whatever the test wrote into it, when its
 * test is done, passed or failed: run after run, /tmp held hundreds of cablescope-* folders the
 * tests had made and left. (A folder a suite shares is made in `before` and removed in `after`.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** What removes the folder afterwards: the node:test `TestContext` of the test that uses it (`t.after`). */
export interface TempOwner {
  after(fn: () => void): unknown;
}

/** A new, empty folder `<tmp>/<prefix>XXXXXX`, removed when `owner` is done. */
export function tempDir(owner: TempOwner, prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  owner.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
