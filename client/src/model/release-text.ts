/**
 * The 2010 release carries a known mangling of typographic quotes: an opening double quote
 * became `&` (`&resist`), a closing one `8` (`indefinitely.8`), and an apostrophe a comma
 * (`Brazil,s`, `don,t`). The reader shows the text cleaned by these rules, and the raw text is
 * one toggle away. Only the patterns of the artefact are touched: `B&D`, `T&T`, `R & D`,
 * `F-18`, `1.8`, and `(b,d)` stay as written. Pure; the result is still plain text.
 */

/**
 * `&` right after a space, a bracket or the start of a line, and before a word: an opening quote.
 * An entity spelt out in the text (`&amp;`, `&#8220;`) is what the cable says, not the artefact.
 */
const OPENING = /(^|[\s(\[{])&(?!#?[A-Za-z0-9]+;)(?=[A-Za-z0-9'])/gm;
/**
 * `8` closing a word of at least two letters (optionally after . , ! ?) and followed by a space,
 * punctuation or the end: a closing quote. A number never ends in letters.
 */
const CLOSING = /(?<=[A-Za-z]{2}[.,!?]?|[A-Za-z][.,!?])8(?=[\s,.;:)\]}!?'-]|$)/gm;
/** `,s` `,t` `,ll` `,re` `,ve` `,d` `,m` after a word of two letters or more: an apostrophe. */
const APOSTROPHE = /(?<=[A-Za-z]{2}),(?=(?:s|t|ll|re|ve|d|m)\b)/g;

export function cleanReleaseText(text: string): string {
  return text.replace(OPENING, '$1\u201c').replace(CLOSING, '\u201d').replace(APOSTROPHE, '\u2019');
}

/** True when the text holds one of the artefacts (the reader offers the toggle only then). */
export function hasReleaseArtefacts(text: string): boolean {
  return cleanReleaseText(text) !== text;
}
