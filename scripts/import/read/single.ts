/** One whole document (a seed .txt cable or an HTML page) held in memory: cables are small. */
import type { ParseOutcome, SourceLocation } from '../../../server/src/cables/record.ts';
import { parseCableText } from '../../../server/src/cables/parse.ts';
import { parseCableHtml } from '../../../server/src/cables/html.ts';
import { decodeCableBytes } from './decode.ts';

/** No single cable comes near this; anything bigger is not a cable file. */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

export function parseDocument(bytes: Uint8Array, kind: 'text' | 'html', source: SourceLocation): ParseOutcome {
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    return { ok: false, rejected: { source, reason: `file too large for one cable (${bytes.length} bytes)`, raw: '' } };
  }
  const decoded = decodeCableBytes(bytes);
  if (!decoded.ok) {
    return { ok: false, rejected: { source, reason: decoded.reason, raw: Buffer.from(bytes.subarray(0, 200)).toString('latin1') } };
  }
  return kind === 'html' ? parseCableHtml(decoded.text, source) : parseCableText(decoded.text, source);
}
