/** What a TAGS code means: its kind, its name from the API label, glosses of common subject TAGS. Pure. */

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

/** Glosses of the most frequent subject TAGS (State Department TAGS handbook). */
export const SUBJECT_GLOSS: Record<string, string> = {
  PREL: 'External political relations',
  PGOV: 'Internal governmental affairs',
  PINR: 'Intelligence',
  PHUM: 'Human rights',
  PTER: 'Terrorists and terrorism',
  MARR: 'Military and defence arrangements',
  MOPS: 'Military operations',
  MCAP: 'Military capabilities',
  MASS: 'Military assistance and sales',
  ECON: 'Economic conditions',
  EFIN: 'Financial and monetary affairs',
  ETRD: 'Foreign trade',
  EAID: 'Foreign economic assistance',
  EINV: 'Foreign investment',
  ENRG: 'Energy and power',
  EPET: 'Petroleum and natural gas',
  ELAB: 'Labour sites and affairs',
  EAGR: 'Agriculture and forestry',
  ECIN: 'Economic cooperation and integration',
  SNAR: 'Narcotics',
  SMIG: 'Migration',
  SOCI: 'Social conditions',
  SENV: 'Environmental affairs',
  SCUL: 'Cultural affairs',
  KDEM: 'Democratization',
  KJUS: 'Justice and rule of law',
  KCRM: 'Criminal activity',
  KNNP: 'Nuclear non-proliferation',
  KPAO: 'Public affairs office',
  KTFN: 'Terrorism financing',
  KWMN: 'Women’s issues',
  KISL: 'Islamic affairs',
  KCOR: 'Corruption',
  OVIP: 'Visits of prominent persons',
  OREP: 'Congressional travel',
  PARM: 'Arms control and disarmament',
  PREF: 'Refugees',
  ASEC: 'Security (administration)',
  AMGT: 'Management (administration)',
  CVIS: 'Visas',
  CASC: 'Assistance to citizens',
  TBIO: 'Biotechnology',
  TSPL: 'Science and technology policy',
  UNSC: 'UN Security Council',
};

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

