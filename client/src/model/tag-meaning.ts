/** What the tag panel says a TAGS code means, from the typed fields of `GET /api/tags/:code`. Pure. */
import type { TagKind } from '../../../server/src/api/types.ts';
import { fmtInt } from './format.ts';

export const TAG_KIND_NAME: Record<TagKind, string> = {
  country: 'Country',
  subject: 'Subject',
  program: 'Program',
  organisation: 'Organisation',
  person: 'Person',
  other: 'Other',
};

/** The rows of the "Meaning" section: kind, what it stands for, how many cables carry it. */
export function tagMeaningRows(code: string, kind: TagKind, name: string | null, cables: number): [string, string][] {
  const rows: [string, string][] = [['Kind', TAG_KIND_NAME[kind]]];
  if (name) rows.push([kind === 'country' ? 'Country' : kind === 'person' ? 'Person' : 'Stands for', name]);
  else if (kind === 'country') rows.push(['Country', 'a two-letter code not in the FIPS 10-4 country table (a regional or retired code)']);
  else if (kind === 'person') rows.push(['Person', code]);
  rows.push(['Cables', `${fmtInt(cables)} in the corpus`]);
  return rows;
}
