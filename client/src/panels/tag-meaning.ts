/** What a TAGS code means: its kind and its name from the API label (tables of names: server/src/api/tag-names.ts). Pure. */

export type TagKind = 'country' | 'subject' | 'program' | 'organisation' | 'person' | 'other';

/** The kind of a TAGS code from its shape (the server's table decides when it says so). */
export function guessTagKind(code: string): TagKind {
  const t = code.toUpperCase().trim();
  if (t.includes(',')) return 'person';
  if (/^K[A-Z]{3}$/.test(t)) return 'program';
  if (/^[A-Z]{2}$/.test(t)) return 'country';
  if (/^[A-Z]{4}$/.test(t) && /^[AEPSOTMCB]/.test(t)) return 'subject';
  return 'other';
}

export const KIND_NAME: Record<TagKind, string> = {
  country: 'Country',
  subject: 'Subject',
  program: 'Program',
  organisation: 'Organisation',
  person: 'Person',
  other: 'Other',
};

/** `BR (Brazil)` → `Brazil` (the API puts a tag's name in parentheses in its label). */
export function nameFromLabel(code: string, label: string | null | undefined): string | null {
  if (!label) return null;
  const prefix = `${code} (`;
  return label.startsWith(prefix) && label.endsWith(')') ? label.slice(prefix.length, -1) : null;
}

/** `tag · subject · 215 cables` → subject. */
export function kindFromDetail(detail: string | null | undefined): TagKind | null {
  const parts = (detail ?? '').split('·').map((s) => s.trim().toLowerCase());
  const k = parts[1];
  return k && (['country', 'subject', 'program', 'organisation', 'person', 'other'] as string[]).includes(k) ? (k as TagKind) : null;
}

