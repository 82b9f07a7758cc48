/**
 * CSV as the server's exports and the client's send it (RFC 4180, CRLF line ends). Shared
 * because cable subjects are untrusted text: fields that a spreadsheet would run as a formula
 * (=, +, -, @, tab, CR at the start) are prefixed with an apostrophe.
 */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?(e-?\d+)?$/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvRow = (cells: unknown[]): string => cells.map(csvField).join(',');

export function csvTable(head: string[], rows: unknown[][]): string {
  return [csvRow(head), ...rows.map(csvRow)].join('\r\n') + '\r\n';
}
