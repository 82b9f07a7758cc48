/** Title case for subjects (`WESTERWELLE'S SURGE` → `Westerwelle's Surge`), keeping acronyms. */
import { acronyms } from './tables.ts';

const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'but', 'by', 'en', 'for', 'if', 'in', 'of', 'on', 'or', 'the', 'to', 'v', 'vs', 'via', 'with']);

function capitalise(word: string): string {
  return word.replace(/^([^A-Za-z]*)([a-z])/, (_, p: string, c: string) => p + c.toUpperCase());
}

export function titlefy(subject: string): string {
  const words = subject.split(/(\s+)/);
  let index = 0;
  return words
    .map((w) => {
      if (/^\s+$/.test(w) || w === '') return w;
      const first = index++ === 0;
      const bare = w.replace(/^[("'\[]+|[)"'\],.:;?!]+$/g, '');
      if (acronyms().has(bare.toUpperCase()) || acronyms().has(w.toUpperCase()) || /^X{4,}$/i.test(bare)) {
        return w.replace(bare, bare.toUpperCase());
      }
      const lower = w.toLowerCase();
      if (!first && SMALL_WORDS.has(lower.replace(/[^a-z]/g, ''))) return lower;
      return lower
        .split('-')
        .map((part) => capitalise(part))
        .join('-');
    })
    .join('');
}
