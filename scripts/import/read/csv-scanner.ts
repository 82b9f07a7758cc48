/**
 * Splits the release's cables.csv into rows, incrementally: feed it text chunks, get back
 * complete rows. The dialect is fixed (every field quoted with `"`, `\` escaping the next
 * character, `,` between fields, newline between rows, newlines inside fields), which lets a
 * hand-written scanner run at several hundred MB/s, where csv-parse managed 10-16 MB/s on
 * this file (measured, see docs/benchmarks.md) and would cap the whole import.
 *
 * Memory stays bounded: a row that grows past `maxRowChars` (an unterminated quote, say) is
 * reported as broken and the scanner skips to the next line that starts a row.
 */
export type ScannedRow = { ok: true; fields: string[]; line: number } | { ok: false; reason: string; line: number; raw: string };

const ROW_START = /\n"\d+","/g;

export class CsvRowScanner {
  private buffer = '';
  /** 1-based line number of buffer[0]. */
  private line = 1;

  constructor(private readonly maxRowChars = 32 * 1024 * 1024) {}

  /** Rows completed by this chunk. */
  push(chunk: string): ScannedRow[] {
    this.buffer = this.buffer === '' ? chunk : this.buffer + chunk;
    return this.drain(false);
  }

  /** Rows left at end of input (a last row without a final newline, or a broken tail). */
  end(): ScannedRow[] {
    return this.drain(true);
  }

  private drain(atEnd: boolean): ScannedRow[] {
    const rows: ScannedRow[] = [];
    let at = 0;
    while (at < this.buffer.length) {
      // blank lines between rows
      if (this.buffer[at] === '\n' || this.buffer[at] === '\r') {
        if (this.buffer[at] === '\n') this.line++;
        at++;
        continue;
      }
      const result = this.scanRow(at, atEnd);
      if (result === null) break; // incomplete: wait for more text
      rows.push(result.row);
      this.line += result.newlines;
      at = result.next;
    }
    this.buffer = this.buffer.slice(at);
    if (!atEnd && this.buffer.length > this.maxRowChars) rows.push(this.skipBrokenRow());
    if (atEnd && this.buffer.length > 0) {
      rows.push({ ok: false, reason: 'unterminated row at end of file', line: this.line, raw: this.buffer.slice(0, 4000) });
      this.buffer = '';
    }
    return rows;
  }

  /** Drops an over-long row up to the next line that looks like the start of a row. */
  private skipBrokenRow(): ScannedRow {
    ROW_START.lastIndex = 1;
    const next = ROW_START.exec(this.buffer);
    const cut = next ? next.index + 1 : this.buffer.length;
    const skipped = this.buffer.slice(0, cut);
    const row: ScannedRow = { ok: false, reason: `row longer than ${this.maxRowChars} characters (unterminated quote?)`, line: this.line, raw: skipped.slice(0, 4000) };
    this.line += countNewlines(skipped, 0, skipped.length);
    this.buffer = this.buffer.slice(cut);
    return row;
  }

  /** One row starting at `start`, or null when the buffer ends inside it. */
  private scanRow(start: number, atEnd: boolean): { row: ScannedRow; next: number; newlines: number } | null {
    const text = this.buffer;
    const fields: string[] = [];
    let i = start;
    while (true) {
      if (text[i] === '"') {
        // quoted field: find the closing quote, undoing backslash escapes
        let value = '';
        let from = i + 1;
        while (true) {
          const quote = text.indexOf('"', from);
          const backslash = text.indexOf('\\', from);
          if (quote === -1 && backslash === -1) return atEnd ? this.broken(start, text.length, 'unterminated quoted field') : null;
          if (backslash !== -1 && (quote === -1 || backslash < quote)) {
            if (backslash + 1 >= text.length) return atEnd ? this.broken(start, text.length, 'unterminated quoted field') : null;
            value += text.slice(from, backslash) + text[backslash + 1];
            from = backslash + 2;
            continue;
          }
          value += text.slice(from, quote);
          i = quote + 1;
          break;
        }
        fields.push(value);
      } else {
        // unquoted field (not used by the release, accepted anyway)
        let end = i;
        while (end < text.length && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end++;
        if (end >= text.length && !atEnd) return null;
        fields.push(text.slice(i, end));
        i = end;
      }
      if (i >= text.length) {
        if (!atEnd) return null;
        return { row: { ok: true, fields, line: this.line }, next: i, newlines: countNewlines(text, start, i) };
      }
      const c = text[i];
      if (c === ',') {
        i++;
        continue;
      }
      if (c === '\r' || c === '\n') {
        const end = c === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
        if (c === '\r' && i + 1 >= text.length && !atEnd) return null;
        return { row: { ok: true, fields, line: this.line }, next: end, newlines: countNewlines(text, start, end) };
      }
      // text after a closing quote (`"a"b,`): the row is malformed; resume at the next row
      const newline = text.indexOf('\n', i);
      if (newline === -1 && !atEnd) return null;
      return this.broken(start, newline === -1 ? text.length : newline + 1, `unexpected character ${JSON.stringify(c)} after a closing quote`);
    }
  }

  private broken(start: number, end: number, reason: string): { row: ScannedRow; next: number; newlines: number } {
    // resynchronise on the next line that starts a row, so one bad quote costs one row
    ROW_START.lastIndex = start + 1;
    const next = ROW_START.exec(this.buffer);
    const resume = next && next.index < end ? next.index + 1 : end;
    const raw = this.buffer.slice(start, resume);
    return { row: { ok: false, reason, line: this.line, raw: raw.slice(0, 4000) }, next: resume, newlines: countNewlines(this.buffer, start, resume) };
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) n++;
  return n;
}
