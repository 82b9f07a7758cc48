import cliProgress from 'cli-progress';

export interface ProgressReporter {
  /** `doneBytes`/`doneRecords`: what a resumed run had already done (counted in percent, not in rates). */
  start(totalBytes: number, doneBytes?: number, doneRecords?: number): void;
  update(bytes: number, records: number, rejected: number): void;
  stop(): void;
}

const MB = 1024 * 1024;

/**
 * A bar with records/s, MB/s and ETA on a terminal; on a pipe or in CI, one plain line every
 * few seconds, so logs stay readable.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr, intervalMs = 5_000): ProgressReporter {
  const started = Date.now();
  const base = { bytes: 0, records: 0 };
  const rates = (bytes: number, records: number) => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    return {
      recordsPerSecond: Math.round(Math.max(records - base.records, 0) / seconds),
      mbPerSecond: (Math.max(bytes - base.bytes, 0) / MB / seconds).toFixed(1),
    };
  };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format:
          'importing [{bar}] {percentage}% | {records} records ({rejected} rejected) | {rps} records/s | {mbps} MB/s | ETA {eta_formatted}',
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    return {
      start: (total, doneBytes = 0, doneRecords = 0) => {
        Object.assign(base, { bytes: doneBytes, records: doneRecords });
        bar.start(Math.max(total, 1), doneBytes, { records: doneRecords, rejected: 0, rps: 0, mbps: '0.0' });
      },
      update: (bytes, records, rejected) => {
        const r = rates(bytes, records);
        bar.update(bytes, { records, rejected, rps: r.recordsPerSecond, mbps: r.mbPerSecond });
      },
      stop: () => bar.stop(),
    };
  }
  let total = 0;
  let lastPrint = 0;
  let last = { bytes: 0, records: 0, rejected: 0 };
  const print = () => {
    const r = rates(last.bytes, last.records);
    const percent = total > 0 ? ((100 * last.bytes) / total).toFixed(1) : '?';
    const seconds = (Date.now() - started) / 1000;
    const doneNow = last.bytes - base.bytes;
    const eta = doneNow > 0 && total > last.bytes ? `${Math.round((seconds * (total - last.bytes)) / doneNow)} s` : '-';
    stream.write(
      `importing: ${percent}% | ${last.records} records (${last.rejected} rejected) | ${r.recordsPerSecond} records/s | ${r.mbPerSecond} MB/s | ETA ${eta}\n`,
    );
  };
  return {
    start: (t, doneBytes = 0, doneRecords = 0) => {
      total = t;
      Object.assign(base, { bytes: doneBytes, records: doneRecords });
      lastPrint = Date.now();
    },
    update: (bytes, records, rejected) => {
      last = { bytes, records, rejected };
      if (Date.now() - lastPrint >= intervalMs) {
        lastPrint = Date.now();
        print();
      }
    },
    stop: () => print(),
  };
}

export const silentProgress: ProgressReporter = { start() {}, update() {}, stop() {} };
