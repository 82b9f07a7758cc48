/**
 * The rejects file (JSONL, one line per rejected record) of both write paths. Written
 * synchronously so that its length at each checkpoint is exact: a resumed run truncates it back
 * to the checkpoint and appends, so no reject is lost or doubled.
 */
import { closeSync, existsSync, fstatSync, ftruncateSync, openSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import type { RejectedRecord } from '../../server/src/cables/record.ts';

/** The raw text kept of a rejected record: enough to see what went wrong, bounded. */
const RAW_LIMIT = 64 * 1024;

export function rejectLine(reject: RejectedRecord): string {
  const raw = reject.raw.length > RAW_LIMIT ? `${reject.raw.slice(0, RAW_LIMIT)}…[truncated]` : reject.raw;
  const position = reject.source.line ?? null;
  return `${JSON.stringify({ source: reject.source, position, reason: reject.reason, raw })}\n`;
}

export class RejectsFile {
  private fd: number | null = null;
  /** Bytes of the file that belong to the records consumed so far. */
  bytes: number;

  /**
   * `resumeAt`: the rejects-file length a checkpoint recorded (a resumed run), or null (a fresh
   * run, which replaces the rejects of an earlier run; the file is created on the first reject).
   */
  constructor(private readonly file: string | null, private readonly resumeAt: number | null) {
    this.bytes = resumeAt ?? 0;
    if (file && resumeAt === null && existsSync(file)) rmSync(file);
    if (file && resumeAt !== null && existsSync(file)) truncateSync(file, Math.min(resumeAt, statSync(file).size));
  }

  write(reject: RejectedRecord): void {
    if (!this.file) return;
    if (this.fd === null) {
      if (this.resumeAt !== null && existsSync(this.file)) {
        this.fd = openSync(this.file, 'r+');
        this.bytes = Math.min(this.resumeAt, fstatSync(this.fd).size);
        ftruncateSync(this.fd, this.bytes);
      } else {
        this.fd = openSync(this.file, 'w');
        this.bytes = 0;
      }
    }
    const line = Buffer.from(rejectLine(reject));
    writeSync(this.fd, line, 0, line.length, this.bytes);
    this.bytes += line.length;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
