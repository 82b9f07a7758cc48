/** Bytes → text, refusing what is not a cable: binary data and text that is not UTF-8. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

export function decodeCableBytes(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  const probe = bytes.subarray(0, 2048);
  let control = 0;
  for (const b of probe) {
    if (b === 0) return { ok: false, reason: 'binary file (NUL bytes)' };
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (control > probe.length / 20) return { ok: false, reason: 'binary file (control characters)' };
  try {
    const text = utf8.decode(bytes);
    if (text.trim() === '') return { ok: false, reason: 'empty file (whitespace only)' };
    return { ok: true, text };
  } catch {
    return { ok: false, reason: 'invalid UTF-8 (wrong encoding)' };
  }
}
