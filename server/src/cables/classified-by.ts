/**
 * The `Classified By: Ambassador Glyn T. Davies for reasons 1.4 (b) and (d)` line: who
 * classified the cable, and under which E.O. reasons.
 *
 * The person is found from the right: the name sits just before the reason clause, after
 * any number of (often misspelt) titles: `Political Minister Counselor`, `AIT DIR`,
 * `Charge d'Affaires a.i.`, `Ambassaor`.
 */
import { givenNames } from './tables.ts';
import { withinOneEdit } from './stations.ts';

const MARKER = /(?<![A-Za-z-])Class\w{0,6}\s+By\b\s*:?/gi;
/**
 * How the reason clause opens after its function word (`per 1.4`, `under Se\nction 1.5`,
 * `for E.O. 12958`, `per reasons`); the same words open titles and names too (`Under Secretary
 * William Burns`, `Per Olsen`), which go on with a name instead.
 */
const REASON_OPENING = String.raw`(?:r\s?e\s?a?\s?s\s?o|s\s*e\s*c\s*t\s*i\s*o\s*n|sec\.?\s*\d|1\s*\.\s*[4-6]|e\.?\s?o\b|12958|\d|\()`;
/** Where the name part of the line ends. */
const TERMINATORS = [
  // a stray or misspelt word before the reason clause: `FR reasons`, `F0R 1.4`, `DUE TO 1.4`, `as confidential for`
  /\s(?:F[O0]?R|DUE\s+TO|AS|IAW|IN\s+ACCORDANCE\s+WITH|PURSUANT\s+TO)(?=\s+(?:(?:AS\s+)?(?:CONFIDENTIAL|SECRET|CLASSIFIED)\s+)?(?:F[O0]?R\s+)?(?:R\s?E\s?A\s?S|1\s*\.\s*[4-6]|E\.?\s?O\b))/i,
  // `for` as a word of its own: `Forrest` and `Foreman` are names (only a digit is ever glued: `for1.4`)
  /\bfor(?:\s*\n?\s*\d|\s+\n?\s*(?:r\w*|e\.?\s?o|sec|12958))/i,
  new RegExp(String.raw`\b(?:per|under)(?:\b|(?=\d))\s*\n?\s*${REASON_OPENING}`, 'i'),
  /\bbased\b/i,
  /E\.?\s?O\.?\s*12958/i,
  /\b1\.\s*\n?\s*[4-6]\b/,
  /:\s*\d/,
  /;/,
  /\n[ \t]*\n/,
];

/**
 * The word `reason(s)` as typed in the line. Spelt right it always opens the reason clause.
 * Misspelt it does when the clause goes on right after it (a digit, `(`, `E.O.`, `section`):
 * one edit away (`reaons`, `resons`, `REAS0N`, `Reaso` cut short), broken by a space or a line
 * wrap (`REA SONS`, `reaso\nns`), or cut to four letters (`REAS`). So `Reson for reasons` and
 * `Reardon`, `Renton`, `Reasoner` (two edits away) stay names. Only words starting before
 * `before` (where another terminator cut the line) are looked at.
 */
function misspeltReasonAt(region: string, before: number): number {
  const words = [...region.slice(0, before + 40).matchAll(/(?<![A-Za-z0-9'’])[A-Za-z][A-Za-z0]*/g)];
  const clauseFollows = (at: number): boolean => /^\s*[:.,]?\s*(?:\d|\(|E\.?\s?O\b|S\s*E\s*C\s*T|12958|$)/i.test(region.slice(at));
  const isReason = (letters: string, end: number): boolean => {
    const w = letters.toUpperCase().replace(/0/g, 'O');
    if (!w.startsWith('R')) return false;
    if (w === 'REASON' || w === 'REASONS') return true;
    const near = withinOneEdit(w, 'REASON') || withinOneEdit(w, 'REASONS') || (w.length >= 4 && 'REASONS'.startsWith(w));
    return near && clauseFollows(end);
  };
  for (let i = 0; i < words.length && words[i]!.index < before; i++) {
    const word = words[i]!;
    const end = word.index + word[0].length;
    if (isReason(word[0], end)) return word.index;
    const next = words[i + 1];
    if (next && word[0].length >= 2 && /^\s+$/.test(region.slice(end, next.index)) && isReason(word[0] + next[0], next.index + next[0].length)) {
      return word.index;
    }
  }
  return -1;
}

const TITLE_WORDS = new Set(
  `ACTING A/ ASSISTANT ASST AMBASSADOR AMB CHARGE D'AFFAIRES AFFAIRES AFFAIRS D'AFFAIRS A.I. AI DCM CDA CHIEF DEPUTY
  MISSION OF THE AND TO FOR IN AT ON POLITICAL POLITICAL-MILITARY POL POLMIL POL-MIL POLOFF ECON ECONOMIC ECONOFF POLMILOFF
  PRMOFF CONOFF ECOPOL OFFICER OFFICE OFF DIRECTOR DIR MINISTER MIN MINISTER-COUNSELOR MC SECRETARY STATE SECTION HEAD
  CONSUL GENERAL CONGEN PRINCIPAL REGIONAL COORDINATOR INTERAGENCY PROVINCIAL SENIOR ADVISOR ADVISER SPECIAL ENVOY
  REPRESENTATIVE PERMANENT ALTERNATE DELEGATION DELEGATE DEL USDEL MEMBER LEGAL ATTACHE DEFENSE MILITARY PUBLIC
  MANAGEMENT CONSULAR PRESS CULTURAL RSO ARSO LEGATT DATT INL USAID EMBASSY CG PO DPO DAS PDAS INTERIM THIS MESSAGE
  CLASSIFIED CLASSIFICATION GUIDE BY CONFIDENTIAL SECRET UNCLASSIFIED LINE ADDED SECTION DEPARTMENT DEPT DOS US U.S.
  AIT CHAIRMAN EMIN PMIN EPMIN ECOMIN POLCOUNS ECONCOUNS MGMT TDY ARMS CONTROL GOVERNANCE SUB-NATIONAL PRT ISN NEA AF
  EUR IO WHA EAP SCA NP PM DRL CTC INR S/CT U/S A/S UNDER-SECRETARY UNDERSECRETARY USEU NAS ACTING. CHAIRMAN
  AND/OR POL/ECON POL/MIL P/E ECON/POL A/DCM A/POL COMMERCIAL AGRICULTURAL ATTACHE LABOR ATTACHE ENVIRONMENT SCIENCE
  HEALTH SECURITY REFUGEE COORDINATOR TEAM LEADER DIRECTOR-GENERAL COUNSELOR-GENERAL PRINCIPAL-OFFICER POL-ECON
  ECONOMICAL ENTIRE TEXT NARA NSC COM USUN USNATO UNVIE USOSCE`.split(/\s+/),
);
const SUFFIX = /^(?:JR|SR|II|III|IV)\.?$/i;
/**
 * A capital in the middle of a word that names a person: after a surname prefix (`McNerney`,
 * `FitzGibbon`), after initials (`TDougherty`, `A.F.Godfrey`), or after a two-letter opening
 * (`LeBaron`, `LoGerfo`, `JoAnne`) unless the rest is a title (`AmEmbassy`). Office words glued
 * together are not names (`PolCouns`, `EconOff`, `PolMinCouns`).
 */
function isCamelName(token: string): boolean {
  if (/^(?:Mc|Mac|Fitz|Van|Von|O'|D'|St)[A-Z]|^[A-Z]{2,}[a-z]|^[A-Z]\.[A-Z]/.test(token)) return true;
  return /^[A-Z][a-z][A-Z][a-z]{2,}[.,]?$/.test(token) && !isTitle(token.slice(2));
}

export interface ClassifiedBy {
  persons: string[];
  reasons: string[];
}

export function parseClassifiedBy(text: string, normalize = false): ClassifiedBy {
  const head = text.slice(0, 12000);
  MARKER.lastIndex = 0;
  // the reasons still hold when the line names no one (`Classified By: Ambassador for reasons
  // 1.4 (b)`, a withheld `XXXXXXXXXXXX`)
  let unnamedReasons: string[] = [];
  for (let m = MARKER.exec(head); m; m = MARKER.exec(head)) {
    const region = head.slice(m.index + m[0].length, m.index + m[0].length + 400);
    const persons = personsIn(region);
    if (persons.length > 0) {
      return { persons: normalize ? persons.map(normalizeName) : persons, reasons: reasonsIn(region) };
    }
    if (unnamedReasons.length === 0) unnamedReasons = reasonsIn(region);
  }
  return { persons: [], reasons: unnamedReasons };
}

/** Title words long enough that one typo still names them (`Ambasador`, `Counslor`, `Secetary`). */
let longTitles: string[] | null = null;

function isTitle(token: string): boolean {
  const t = token.toUpperCase().replace(/[.:,'’]+$/g, '');
  if (TITLE_WORDS.has(t) || TITLE_WORDS.has(`${t}.`)) return true;
  longTitles ??= [...TITLE_WORDS].filter((w) => /^[A-Z-]{7,}$/.test(w));
  if (t.length >= 6 && /^[A-Z-]+$/.test(t) && !givenNames().has(t) && longTitles.some((w) => withinOneEdit(t, w))) return true;
  // the many spellings of Ambassador, Counselor, Charge d'Affaires and Office(r)
  if (/^COUN?S?C?I?E?L*O?R?$/.test(t) && t.length >= 4) return true;
  return /^(?:AMB|ABAS|CHARG|D'AF|DE'AF|D,AF|AF+AIR|OFFIC|SECRET)/.test(t);
}

/** Lower-case particles inside a surname (`Carol van Voorst`, `Luis de la Torre`). */
const PARTICLE = /^(?:van|von|de|der|den|del|della|da|das|dos|du|di|la|le|bin|ibn|al|el|ter|ten)$/;

function isNameToken(token: string): boolean {
  if (/^[A-Z0]\.$/.test(token)) return true; // an initial, `0.` being a typed O
  if (!/[A-Za-z]/.test(token) || /^[a-z]/.test(token)) return false;
  // `XXXXXXXXXXXX`: a name withheld by the release, no one's name
  if (/^([A-Za-z])\1{3,}[.,]?$/.test(token)) return false;
  if (!/^[A-Z0-9][A-Za-z0-9'’.-]*$/.test(token)) return false;
  if (/[a-z][A-Z]/.test(token) && !isCamelName(token)) return false;
  return !isTitle(token);
}

/** Glued lower-case fragments that spell a word of the reason clause (`pe r` = per). */
const BROKEN_FUNCTION_WORDS = new Set(['per', 'for', 'and', 'reason', 'reasons', 'under', 'based']);

function tokensOf(part: string): string[] {
  const raw = part
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[?]/g, ' ')
    .split(/[\s:]+/)
    // office codes (`EUR/PRA`, `AF/C`, `U/S`) are not names; `DCM/Ted` keeps its name
    .flatMap((t) => (t.includes('/') ? (/\/[A-Z][a-z]/.test(t) ? [t.slice(t.lastIndexOf('/') + 1)] : []) : [t]))
    .filter((t) => t !== '' && !/^[-–]+$/.test(t));
  for (let i = 0; i < raw.length; i++) {
    let j = i;
    let joined = '';
    while (j < raw.length && /^[a-z]{1,3}$/.test(raw[j]!)) joined += raw[j++];
    if (j - i >= 2 && BROKEN_FUNCTION_WORDS.has(joined)) raw.splice(i, j - i);
  }
  // Rejoin words broken by a line wrap or a stray space: `Richa rd`, `Blah a`, `Y ee`.
  const glued: string[] = [];
  for (const t of raw) {
    const prev = glued.at(-1);
    if (prev !== undefined && /^[a-z]{1,3}[,.]?$/.test(t) && !PARTICLE.test(t) && /^[A-Z][A-Za-z]*$/.test(prev) && !isTitle(prev) && !/^(?:and|for|of|the|ai|on|in|to|by)$/.test(t.replace(/[,.]$/, ''))) {
      glued[glued.length - 1] = prev + t;
    } else glued.push(t);
  }
  return glued;
}

/** The trailing run of name tokens of one comma-separated part, or null. */
function nameIn(part: string): string | null {
  const tokens = tokensOf(part);
  let end = tokens.length;
  while (end > 0 && !isNameToken(tokens[end - 1]!)) end--;
  // `CDA Damian R. Leader`, `Ambassador Carmen Line`: a name does not end on an initial or on one
  // word when a capitalised word closes the part after it: that is the surname, even when it is
  // also a title word. Among lower-case letters a word in capitals is an acronym, so neither
  // `Ambassador Wayne DCM` nor `HR Off` is a name.
  const acronym = (token: string): boolean => /[a-z]/.test(part) && !/[a-z]/.test(token);
  const last = tokens[tokens.length - 1]!;
  const closingSurname = end === tokens.length - 1 && /^[A-Z][A-Za-z'’-]+[.,]?$/.test(last) && !acronym(last) && endsBeforeSurname(tokens.slice(0, end), acronym);
  if (closingSurname) end++;
  let start = closingSurname ? end - 1 : end;
  // a particle belongs to the name when a name word comes before it (`Kurt van der Walde`)
  const inName = (i: number): boolean => isNameToken(tokens[i]!) || (PARTICLE.test(tokens[i]!) && i > 0 && inName(i - 1));
  while (start > 0 && end - start < 5 && inName(start - 1)) start--;
  let run = tokens.slice(start, end);
  // `M C David Kostelancik`: stray single letters (not initials) before the name
  while (run.length > 1 && /^[A-Z]$/.test(run[0]!)) run = run.slice(1);
  if (run.length === 0) return null;
  // `SUDAN TIMOTHY CARNEY`, `Ambassaor Joseph LeBaron`: start at the first given name after other words
  if (run.length > 2) {
    const first = run.findIndex((t, i) => i < run.length - 1 && givenNames().has(t.toUpperCase().replace(/\.$/, '')));
    if (first > 0 && run.slice(0, first).every((t) => t.replace(/\.$/, '').length > 1)) run = run.slice(first);
  }
  return run
    // a final period ends the sentence, except after an initial or `Jr.`/`Sr.` (`Baltimore III.` is `III`);
    // a final hyphen joined the reason clause (`McKelvey-reasons`)
    .map((t, i) => (i === run.length - 1 && !/^(?:JR|SR)\.$/i.test(t) && !/^[A-Z]\.$/.test(t) ? t.replace(/[.,-]+$/, '') : t))
    .join(' ');
}

/**
 * The tokens end where a surname must still follow: on an initial after a name word (`Damian R.`),
 * or on one name word alone after titles (`Ambassador Carmen`).
 */
function endsBeforeSurname(tokens: string[], acronym: (token: string) => boolean): boolean {
  let i = tokens.length - 1;
  while (i >= 0 && /^[A-Z]\.$/.test(tokens[i]!)) i--;
  if (i < 0 || !isNameToken(tokens[i]!) || acronym(tokens[i]!)) return false;
  return i < tokens.length - 1 || i === 0 || !isNameToken(tokens[i - 1]!);
}

function cutAtTerminator(region: string): string {
  let end = region.length;
  for (const pattern of TERMINATORS) {
    const m = pattern.exec(region);
    if (m && m.index < end) end = m.index;
  }
  const reason = misspeltReasonAt(region, end);
  if (reason >= 0) end = reason;
  return region.slice(0, end);
}

function personsIn(region: string): string[] {
  // `O,Grady`, `d,Affaires`: a comma typed for an apostrophe
  const clause = cutAtTerminator(region).replace(/(?<![A-Za-z])([A-Za-z]),(?=[A-Z][a-z])/g, "$1'");
  // `cda stephen g. mcfarland`: a line typed all in lower case says nothing by its capitals; it
  // is read as if typed in capitals and the name given back as written
  if (/[a-z]/.test(clause) && !/[A-Z]/.test(clause)) return personsInClause(clause.toUpperCase()).map((name) => name.toLowerCase());
  return personsInClause(clause);
}

function personsInClause(clause: string): string[] {
  // `Classified By: ADANA 222 ADANA 216`: a REF list, not a person
  if (/\b[A-Z]{3,}\s+\d{2,}\b/.test(clause)) return [];
  const persons: string[] = [];
  // `AF KARL WYCOFF, ACTING AND S/CT DAS SHARI VILLAROSA`: two people
  for (const group of clause.split(/\s+AND\s+(?=\S+\s+\S)/)) {
    const parts = group.split(',');
    for (let i = 0; i < parts.length; i++) {
      const name = nameIn(parts[i]!);
      if (name === null) continue;
      const suffix = parts[i + 1]?.trim();
      const full = suffix && SUFFIX.test(suffix) ? `${name}, ${/^(?:JR|SR)\.?$/i.test(suffix) ? suffix : suffix.replace(/\.$/, '')}` : name;
      if (!persons.includes(full)) persons.push(full);
      break;
    }
  }
  return persons;
}

function reasonsIn(region: string): string[] {
  const m = /(1\.\s*[4-6])\s*([^\n]*(?:\n[^\n]*)?)/.exec(region);
  if (!m) return [];
  const prefix = m[1]!.replace(/\s+/g, '');
  const letters = [...m[2]!.slice(0, 60).matchAll(/(?<![A-Za-z])([A-Ha-h])(?![A-Za-z])/g)].map((x) => x[1]!.toUpperCase());
  return [...new Set(letters)].map((l) => `${prefix} (${l})`);
}

/** Title case for ALL-CAPS names, `0` read as `O`, Roman numerals kept upper case. */
export function normalizeName(name: string): string {
  return name
    .split(/(\s+)/)
    .map((w, i) => {
      if (/^\s+$/.test(w)) return w;
      let word = w.replace(/0/g, 'O');
      const bare = word.replace(/[.,]/g, '');
      if (/^(?:I|II|III|IV|V|VI)$/i.test(bare)) return word.toUpperCase();
      if (PARTICLE.test(word.toLowerCase()) && i > 0) return word.toLowerCase();
      if (word === word.toUpperCase() || word === word.toLowerCase()) {
        word = word.toLowerCase().replace(/(^|[-'’.])([a-z])/g, (_, p: string, c: string) => p + c.toUpperCase());
      }
      return word;
    })
    .join('');
}
