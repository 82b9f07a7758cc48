/**
 * Loads the vendored lookup tables in ./data once, on first use.
 * Kept apart from the parsing code so the parsers stay pure functions of their input.
 */
import { readFileSync } from 'node:fs';

const dataUrl = (name: string): URL => new URL(`./data/${name}`, import.meta.url);

function readLines(name: string): string[] {
  return readFileSync(dataUrl(name), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

function readPairs(name: string, separator: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of readLines(name)) {
    const at = line.indexOf(separator);
    if (at <= 0) continue;
    map.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return map;
}

function lazy<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= load());
}

/** Garbled release ids → the id the cable really has. */
export const malformedIds = lazy(() => readPairs('malformed-ids.tsv', '\t'));
/** Misspelt/short station names → canonical station. */
export const stationAliases = lazy(() => readPairs('station-aliases.tsv', '\t'));
/** Station parts of the release's reference ids. */
export const releaseStations = lazy(() => new Set(readLines('release-stations.txt')));
/** Routing indicator → addressee (`RUEHC` → `DEPT OF STATE WASHINGTON DC`). */
export const routeToName = lazy(() => readPairs('route2name.csv', ','));
export const subjectTags = lazy(() => new Set([...readLines('subject-tags.txt'), ...readLines('extra-subject-tags.txt')]));
export const organisationTags = lazy(() => new Set(readLines('organization-tags.txt')));
export const acronyms = lazy(() => new Set(readLines('acronyms.txt')));
/** Multi-word free-text TAGS seen in the release, spelt without `&`. */
export const freeTextTags = lazy(() => new Set(readLines('free-text-tags.txt').map((t) => t.replace(/&/g, ' ').replace(/\s+/g, ' ').trim())));
export const givenNames = lazy(() => new Set(readLines('given-names.txt').flatMap((l) => l.split(/\s+/))));
/** One row of data/post-renames.tsv: a post renamed (or moved) under the same routing indicator. */
export interface PostRename {
  route: string;
  formerKey: string;
  key: string;
  /** Last year of the former name in the release's cable ids. */
  formerUntil: number;
  /** First year of the later name in the release's cable ids. */
  since: number;
  evidence: string;
}
export const postRenames = lazy((): PostRename[] =>
  readLines('post-renames.tsv').map((line) => {
    const [route, formerKey, key, formerUntil, since, evidence] = line.split('\t');
    return { route: route!, formerKey: formerKey!, key: key!, formerUntil: Number(formerUntil), since: Number(since), evidence: evidence ?? '' };
  }),
);
/** Subjects known from other publications for cables whose release text lacks one. */
export const subjectFixes = lazy(() => readPairs('subject-fixes.txt', ':'));
