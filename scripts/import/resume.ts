/**
 * Resume tracking: an import run's identity (the key of its input set), whether it continues an
 * interrupted run of the same inputs, and the checkpoint state each batch commits with. A
 * finished run is never resumed: running it again re-imports everything, which changes nothing.
 */
import type { Database } from '../../server/src/db/driver.ts';
import { describeInputs, inputKey, totalBytes, type InputEntry } from './inputs.ts';
import { FIRST_RECORD, type ReadPosition } from './records.ts';
import { loadCheckpoint, type CheckpointState } from './writer.ts';

/** The run's counters at a checkpoint. */
export interface RunCounters {
  read: number;
  imported: number;
  rejected: number;
  /** Input bytes consumed. */
  bytes: number;
  /** Bytes of the rejects file that belong to the consumed records. */
  rejectsBytes: number;
}

export class ImportRun {
  private constructor(
    readonly key: string,
    /** The interrupted run's last checkpoint, or null for a fresh run. */
    readonly resumed: CheckpointState | null,
    private readonly initial: CheckpointState,
  ) {}

  /** `resume: false` ignores an interrupted run's checkpoint. */
  static async open(
    db: Database,
    paths: string[],
    entries: InputEntry[],
    options: { resume?: boolean } = {},
  ): Promise<ImportRun> {
    const key = inputKey(entries);
    const saved = options.resume === false ? null : await loadCheckpoint(db, key).catch(() => null);
    const resumed = saved && !saved.done ? saved : null;
    const initial: CheckpointState = resumed
      ? { ...resumed, offset: resumed.offset ?? 0 }
      : { inputs: describeInputs(paths, entries), ...FIRST_RECORD, rejectsBytes: 0, read: 0, imported: 0, rejected: 0, bytes: 0, done: false };
    return new ImportRun(key, resumed, initial);
  }

  /** Where reading starts. */
  get start(): ReadPosition {
    const { fileIndex, offset, line, recordsInFile } = this.initial;
    return { fileIndex, offset, line, recordsInFile };
  }

  /** The counters the run starts from (the interrupted run's, when resuming). */
  get counters(): RunCounters {
    const { read, imported, rejected, bytes, rejectsBytes } = this.initial;
    return { read, imported, rejected, bytes, rejectsBytes };
  }

  /** The checkpoint a batch commits with: where the next record starts, and the counts so far. */
  checkpoint(position: ReadPosition, counters: RunCounters, done: boolean): CheckpointState {
    return { ...this.initial, ...position, ...counters, bytes: Math.round(counters.bytes), done };
  }
}

/** The checkpoint of a run that read every input (the fast path writes it, as the Bolt path's last batch does). */
export function finishedCheckpoint(paths: string[], entries: InputEntry[], counters: RunCounters): { key: string; state: CheckpointState } {
  return {
    key: inputKey(entries),
    state: {
      inputs: describeInputs(paths, entries),
      fileIndex: entries.length,
      offset: 0,
      line: 0,
      recordsInFile: 0,
      ...counters,
      bytes: totalBytes(entries),
      done: true,
    },
  };
}
