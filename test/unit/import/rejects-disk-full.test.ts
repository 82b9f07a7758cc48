/**
 * The rejects file on a full disk (the Bolt path writes nothing else locally): the write is sent
 * to /dev/full, where every write fails with ENOSPC (as root too), so the test is deterministic.
 */
import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { RejectsFile } from '../../../scripts/import/rejects.ts';
import type { RejectedRecord } from '../../../server/src/cables/record.ts';
import { tempDir } from '../../support/temp.ts';

const reject: RejectedRecord = { source: { file: 'cables.csv', line: 7, format: 'csv' }, reason: 'no cable id', raw: 'x' };

test('a full disk while writing the rejects file says "disk full" and names the file', (t) => {
  const dir = tempDir(t, 'cablescope-rejects-');
  const file = path.join(dir, 'rejects.jsonl');
  const rejects = RejectsFile.open(file, []);
  rejects.write(reject);
  assert.match(readFileSync(file, 'utf8'), /no cable id/);
  // the file's descriptor now points at /dev/full, as if the disk had filled up since
  const handle = rejects as unknown as { fd: number };
  const ownFd = handle.fd;
  handle.fd = openSync('/dev/full', 'w');
  try {
    assert.throws(
      () => rejects.write(reject),
      (error: Error) => error.message.startsWith(`disk full while writing ${file} (ENOSPC`),
    );
  } finally {
    closeSync(handle.fd);
    handle.fd = ownFd;
    rejects.close();
  }
});
