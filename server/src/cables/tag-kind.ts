/** What a TAGS code stands for: a country, a subject, a program, an organisation or a person. */
import type { TagKind } from './record.ts';
import { organisationTags, subjectTags } from './tables.ts';

export function tagKind(code: string): TagKind {
  const tag = code.toUpperCase().trim();
  if (tag.includes(',')) return 'person';
  if (subjectTags().has(tag)) return 'subject';
  if (/^K[A-Z]{3}$/.test(tag)) return 'program';
  if (organisationTags().has(tag)) return 'organisation';
  if (/^[A-Z]{2}$/.test(tag)) return 'country';
  return 'other';
}
