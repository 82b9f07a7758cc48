/**
 * Small hand-kept tables for TAGS canonicalisation. The typo/glue fixes follow
 * heuer/cablemap's reader (BSD); the phrases are free-text tags seen in the release.
 */
export const TAG_FIXES = new Map<string, string[]>([
  ['MOPPS', ['MOPS']],
  ['POGOV', ['PGOV']],
  ['UNDESCO', ['UNESCO']],
  ['VTPREL', ['VT', 'PREL']],
  ['VEPREL', ['VE', 'PREL']],
  ['PHUMBA', ['PHUM', 'BA']],
  ['KNNPMNUC', ['KNNP', 'MNUC']],
  ['KPAOPREL', ['KPAO', 'PREL']],
  ['RIGHTSPOLMIL', ['RIGHTS', 'POL', 'MIL']],
  ['POLMIL', ['POL', 'MIL']],
  ['SYR', ['SY']],
]);

/** `SURNAME GIVEN` written without a comma. */
export const KNOWN_PERSONS = new Map<string, string>([
  ['CLINTON HILLARY', 'CLINTON, HILLARY'],
  ['STEINBERG JAMES', 'STEINBERG, JAMES B.'],
  ['BIDEN JOSEPH', 'BIDEN, JOSEPH'],
  ['ZOELLICK ROBERT', 'ZOELLICK, ROBERT'],
  ['RICE CONDOLEEZZA', 'RICE, CONDOLEEZZA'],
  ['BUSH GEORGE', 'BUSH, GEORGE W.'],
]);

/** Multi-word free-text tags seen in the release. */
export const PHRASE_TAGS = new Set<string>([
  'HUMAN RIGHTS',
  'COUNTER TERRORISM',
  'NEW ZEALAND',
  'ZANU-PF',
  'FOREIGN POL',
]);

export const GIVEN_NAMES = new Set<string>([
  'GUILLERMO', 'PEDRO', 'GASPAR', 'JOHN', 'GERARD', 'HILLARY', 'JOSEPH', 'ROBERT', 'JAMES', 'GEORGE',
  'CONDOLEEZZA', 'DAVID', 'MICHAEL', 'WILLIAM', 'RICHARD', 'THOMAS', 'CHARLES', 'PAUL', 'MARK',
]);
