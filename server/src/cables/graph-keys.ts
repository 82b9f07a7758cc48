/**
 * The one rule for post and tag keys, shared by the importer (which stores only keys that pass
 * it) and the API (which accepts only keys that pass it): so every key the graph returns can be
 * asked for again.
 *
 * A key is upper-case letters, digits and a few separators (`USUNNEWYORK`, `KPAO`,
 * `USDAO NAIROBI`), begins with a letter or digit and holds at least one letter. ACP-127
 * header noise taken for a name (`ZNY CCCCC ZZH`, `ZNR UUUUU`, a stray `\`) is not a key:
 * operating signals (`Z` + two letters) and groups of one letter repeated (`CCCCC`, `UUUUU`)
 * are transmission plumbing, never part of a post's or a tag's name.
 */
const KEY_SHAPE = /^[A-Z0-9][A-Z0-9 ,.'()&/-]{0,119}$/;
const HAS_LETTER = /[A-Z]/;
const OPERATING_SIGNAL = /^Z(?:N[RY]|FF|ZH|OC|DK|EX|UI)\b/;
const REPEATED_LETTER_GROUP = /([A-Z])\1{3,}/;

/** True when `key` (already upper-case) may be a post or tag key. */
export function isGraphKey(key: string): boolean {
  return KEY_SHAPE.test(key) && HAS_LETTER.test(key) && !OPERATING_SIGNAL.test(key) && !REPEATED_LETTER_GROUP.test(key);
}

/** Hint for a rejected key, shown in API errors. */
export const GRAPH_KEY_HINT = 'upper-case letters, digits, spaces and , . \' ( ) & / - (such as LONDON or PREL)';
