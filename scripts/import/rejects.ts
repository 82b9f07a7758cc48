/**
 * The rejects file (JSONL, one line per rejected record) of both write paths. Written
 * synchronously so that its length at each checkpoint is exact: a resumed run truncates it back
 * to the checkpoint and appends, so no reject is lost or doubled.
 *
 * It never replaces a file the importer did not write: a fresh run creates it new (O_EXCL) and
 * refuses, before anything is imported, a path that exists or names an input. A resumed run
 * reopens only the file its checkpoint names, and only if it is the very file that run created
 * (same path, same device, inode and birth time). The default name (no --rejects) never refuses:
 * it takes the first free name of import-rejects.jsonl, import-rejects-2.jsonl, …
 */
import { closeSync, fstatSync, ftruncateSync, lstatSync, openSync, realpathSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { RejectedRecord } from '../../server/src/cables/record.ts';
import { describeWriteError } from './disk-space.ts';

/** The raw text kept of a rejected record: enough to see what went wrong, bounded. */
const RAW_LIMIT = 64 * 1024;

export function rejectLine(reject: RejectedRecord): string {
  const raw = reject.raw.length > RAW_LIMIT ? `${reject.raw.slice(0, RAW_LIMIT)}…[truncated]` : reject.raw;
  const position = reject.source.line ?? null;
  return `${JSON.stringify({ source: reject.source, position, reason: reject.reason, raw })}\n`;
}

/** A usage error found before anything was imported (exit 1, nothing written). */
/** Where rejected records go when the user names no file (`npm run import`, `npm start`). */
export const DEFAULT_REJECTS_FILE = 'import-rejects.jsonl';

export class OutputRefused extends Error {}

/** Which file the rejects of a run went to, as its checkpoints record it. */
export interface RejectsIdentity {
  /** Absolute path of the rejects file. */
  rejectsFile: string;
  /** `dev:ino:birthtime` of the file the run created. */
  rejectsId: string;
}

/** What a resumed run knows of its rejects file from its checkpoint. */
export interface RejectsResume {
  /** Bytes of the file that belong to the records consumed before the checkpoint. */
  bytes: number;
  rejectsFile?: string | null;
  rejectsId?: string | null;
}

/**
 * A file's identity: device, inode and birth time (a deleted file's inode is soon reused, so
 * the inode alone would take a new file for the run's own).
 */
const identityOf = (stats: { dev: bigint; ino: bigint; birthtimeNs: bigint }) => `${stats.dev}:${stats.ino}:${stats.birthtimeNs}`;
const lstatId = (file: string) => identityOf(lstatSync(file, { bigint: true }));
const fstatId = (fd: number) => identityOf(fstatSync(fd, { bigint: true }));

/** The input (as given) that `file` is, or lies inside; null when it is none of them. */
function inputHolding(file: string, inputs: string[]): string | null {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return null;
  }
  for (const input of inputs) {
    let root: string;
    try {
      root = realpathSync(input);
    } catch {
      continue;
    }
    if (real === root || (statSync(root).isDirectory() && real.startsWith(root + path.sep))) return input;
  }
  return null;
}

/**
 * Refuses an output path (`what`: the option) that exists, or is one of the inputs, before
 * anything is imported. Symlinks count as existing (even dangling ones) and are resolved to
 * recognise an input.
 */
export function refuseExistingOutput(file: string, what: string, inputs: string[]): void {
  let exists = true;
  try {
    lstatSync(file);
  } catch {
    exists = false;
  }
  if (!exists) return;
  const input = inputHolding(file, inputs);
  throw new OutputRefused(
    input !== null
      ? `${what} ${file} is one of the inputs${input === file ? '' : ` (inside ${input})`}: the importer never writes over a file it did not create. Give ${what} a new file name.`
      : `${what} ${file} exists: the importer never replaces a file it did not create. Give ${what} a new file name, or move the existing file away.`,
  );
}

export class RejectsFile {
  private fd: number | null = null;
  /** Bytes of the file that belong to the records consumed so far. */
  bytes = 0;
  private written = false;

  private constructor(private readonly file: string | null) {}

  /**
   * Opens the rejects file of a run (null: none is written). A fresh run creates `file` new; a
   * resumed run reopens the file its checkpoint names if that is this very file (same path,
   * same inode), truncated to the checkpoint's length, and otherwise creates it new. Throws
   * OutputRefused, before anything is written, when `file` exists and is not the run's own.
   */
  static open(file: string | null, inputs: string[], resume: RejectsResume | null = null, options: { defaultName?: boolean } = {}): RejectsFile {
    if (file === null) return new RejectsFile(null);
    const wanted = path.resolve(file);
    // A resumed run reopens the file it created; with the default name, wherever it was.
    const own = resume?.rejectsFile && resume.rejectsId && (resume.rejectsFile === wanted || options.defaultName) ? resume.rejectsFile : null;
    if (own !== null) {
      const reopened = RejectsFile.reopen(own, resume!);
      if (reopened) return reopened;
    }
    if (options.defaultName) {
      // the default name never refuses: the first of name.jsonl, name-2.jsonl, … that is free
      const ext = path.extname(wanted);
      for (let n = 1; n < 10_000; n++) {
        const candidate = n === 1 ? wanted : `${wanted.slice(0, wanted.length - ext.length)}-${n}${ext}`;
        try {
          const rejects = new RejectsFile(candidate);
          rejects.fd = openSync(candidate, 'wx');
          return rejects;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new OutputRefused(`cannot create the rejects file ${candidate}: ${(error as Error).message}`);
        }
      }
    }
    refuseExistingOutput(file, '--rejects', inputs);
    const rejects = new RejectsFile(wanted);
    try {
      rejects.fd = openSync(wanted, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') refuseExistingOutput(file, '--rejects', inputs);
      throw new OutputRefused(`--rejects ${file}: cannot create the rejects file (${(error as Error).message})`);
    }
    return rejects;
  }

  /** The run's own file (same identity, at least the checkpoint's length), truncated to the checkpoint; else null. */
  private static reopen(file: string, resume: RejectsResume): RejectsFile | null {
    let stats: ReturnType<typeof lstatSync> | null = null;
    try {
      stats = lstatSync(file);
    } catch {
      return null;
    }
    if (!stats.isFile() || stats.size < resume.bytes || lstatId(file) !== resume.rejectsId) return null;
    const rejects = new RejectsFile(file);
    rejects.fd = openSync(file, 'r+');
    rejects.bytes = resume.bytes;
    ftruncateSync(rejects.fd, rejects.bytes);
    rejects.written = rejects.bytes > 0;
    return rejects;
  }

  /** Where the rejects go (null: nowhere). */
  get path(): string | null {
    return this.file;
  }

  /** The file's identity, for the checkpoints (null when no file is written). */
  get identity(): RejectsIdentity | null {
    if (this.file === null || this.fd === null) return null;
    return { rejectsFile: this.file, rejectsId: fstatId(this.fd) };
  }

  write(reject: RejectedRecord): void {
    if (this.fd === null) return;
    const line = Buffer.from(rejectLine(reject));
    try {
      writeSync(this.fd, line, 0, line.length, this.bytes);
    } catch (error) {
      throw new Error(describeWriteError(error as Error, this.file ?? 'the rejects file'));
    }
    this.bytes += line.length;
    this.written = true;
  }

  /** Closes the file; a file this run created and left empty (nothing rejected) is removed. */
  close(): void {
    if (this.fd === null) return;
    const empty = !this.written && fstatSync(this.fd).size === 0;
    const identity = fstatId(this.fd);
    closeSync(this.fd);
    this.fd = null;
    if (empty && this.file !== null) {
      // only if the path still names the file this run created
      const now = (() => {
        try {
          return lstatId(this.file);
        } catch {
          return null;
        }
      })();
      if (now === identity) rmSync(this.file);
    }
  }
}
