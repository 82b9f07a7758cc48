/**
 * Hand-kept TAGS fixes: typos and glued tags that no general rule can undo. They follow
 * heuer/cablemap's reader (BSD), which collected them from the release.
 */
export const TAG_FIXES = new Map<string, string[]>([
  ['MOPPS', ['MOPS']],
  ['POGOV', ['PGOV']],
  ['UNDESCO', ['UNESCO']],
  ['RU', ['RS']],
  ['SYR', ['SY']],
  ['POLMIL', ['POL', 'MIL']],
]);

/** `SURNAME GIVEN` persons written without a comma, with the release's canonical spelling. */
export const KNOWN_PERSONS = new Map<string, string>([
  ['CLINTON HILLARY', 'CLINTON, HILLARY'],
  ['STEINBERG JAMES', 'STEINBERG, JAMES B.'],
  ['BIDEN JOSEPH', 'BIDEN, JOSEPH'],
  ['ZOELLICK ROBERT', 'ZOELLICK, ROBERT'],
  ['RICE CONDOLEEZZA', 'RICE, CONDOLEEZZA'],
  ['BUSH GEORGE', 'BUSH, GEORGE W.'],
]);

/** Free-text tags with a canonical one-word spelling. */
export const PHRASE_FIXES = new Map<string, string>([['COUNTER TERRORISM', 'COUNTERTERRORISM']]);
