/** Which reader an input needs, from its name and, when the name says nothing, its first bytes. */
export type InputFormat = 'text' | 'csv' | 'csv.gz' | 'html' | 'tar' | 'tar.gz' | 'tar.xz' | 'zip' | 'unknown';

const ID_LINE = /^\uFEFF?\d{2}[0-9A-Z-]*[A-Z][0-9A-Z-]*\r?\n/;

export function formatFromName(name: string): InputFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv.gz')) return 'csv.gz';
  if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz')) return 'tar.gz';
  if (lower.endsWith('.tar.xz') || lower.endsWith('.txz')) return 'tar.xz';
  if (lower.endsWith('.tar')) return 'tar';
  if (lower.endsWith('.zip')) return 'zip';
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return 'html';
  if (lower.endsWith('.txt')) return 'text';
  return null;
}

export function formatFromBytes(head: Uint8Array): InputFormat {
  if (head.length >= 6 && head[0] === 0xfd && head[1] === 0x37 && head[2] === 0x7a && head[3] === 0x58 && head[4] === 0x5a) return 'tar.xz';
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'tar.gz';
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  if (head.length >= 262 && String.fromCharCode(...head.subarray(257, 262)) === 'ustar') return 'tar';
  const text = Buffer.from(head).toString('utf8');
  if (ID_LINE.test(text)) return 'text';
  if (/^\s*(?:<\?xml|<!DOCTYPE|<html)/i.test(text)) return 'html';
  if (/^"\d+","[^"]*","\d{2}[0-9A-Z-]+"/.test(text)) return 'csv';
  return 'unknown';
}

/** Name first (cheap, and what users expect), bytes for anything unnamed. */
export function detectFormat(name: string, head: Uint8Array): InputFormat {
  return formatFromName(name) ?? formatFromBytes(head);
}
