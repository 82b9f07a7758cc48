/**
 * Batching for the Bolt write path: rows gather into a batch that closes at `size` rows or when
 * their text reaches `bytes` (bounding memory); a closed batch is written while the next one is
 * read, and at most one is in flight, so the checkpoints they carry commit in order.
 */
import type { CableRow } from './rows.ts';

export interface BatchLimits {
  /** Most cables per write transaction. */
  size: number;
  /** A batch is also closed when its cables' text reaches this many bytes. */
  bytes: number;
}

/** Writes one batch; `done` marks the last one. Called after the previous write has committed. */
export type WriteBatch = (rows: CableRow[], done: boolean) => Promise<void>;

export class Batcher {
  private rows: CableRow[] = [];
  private text = 0;
  private inflight: Promise<void> | null = null;

  /** `committed`: rows written before this run (a resumed run starts from its checkpoint's count). */
  constructor(private readonly write: WriteBatch, private readonly limits: BatchLimits, public committed = 0) {}

  /** Adds a row, and closes the batch when it is full. */
  async add(row: CableRow): Promise<void> {
    this.rows.push(row);
    this.text += row.textLength;
    if (this.rows.length >= this.limits.size || this.text >= this.limits.bytes) await this.flush(false);
  }

  /** Closes the open batch (even when empty: the last one carries the final checkpoint) and starts writing it. */
  async flush(done: boolean): Promise<void> {
    // One batch in flight: wait for it, so that the write below sees it counted.
    if (this.inflight) await this.inflight;
    const rows = this.rows;
    this.rows = [];
    this.text = 0;
    const write = this.write(rows, done).then(() => {
      this.committed += rows.length;
    });
    write.catch(() => undefined);
    this.inflight = write;
  }

  /** Waits for the batch in flight; throws if its write failed. */
  async drain(): Promise<void> {
    if (this.inflight) await this.inflight;
  }
}
