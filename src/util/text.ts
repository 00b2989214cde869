/**
 * Text folding, the one place where it is decided which differences of
 * writing count when two texts are compared, and regex escaping.
 *
 * The foldings really differ, each for its use, so they are options of one
 * function rather than one rule:
 * - 'key' and 'casedKey' build the lookup tables of the knowledge files and
 *   match whole written forms against them: punctuation that is part of a
 *   name (the possessive "'s", dots) must stay.
 * - 'sameLength' folds only character for character, so that an offset into
 *   the folded text is an offset into the original: matching in running text.
 * - 'words' is lenient, for scoring against the gold: accents, apostrophes
 *   and all other punctuation go, so "Majesty’s" = "Majestys".
 * Their character sets differ slightly (which apostrophes, which dashes) as
 * they always have; making them one set would change what matches.
 */
export type Folding = 'key' | 'casedKey' | 'sameLength' | 'words';

/**
 * - 'key': Unicode NFKC (no-break and other odd spaces become spaces);
 *   curly/typographic apostrophes and primes (’ ‘ ‛ ʼ ′ `) become "'" and
 *   curly double quotes '"'; hyphens and dashes (- ‐ ‑ ‒ – — ― −) become
 *   spaces, so "Dyfed-Powys" = "Dyfed Powys"; "&" becomes " and "; lower
 *   case; runs of white space one space, trimmed. The possessive "'s", other
 *   punctuation and a leading "the" stay: "the Met's" is "the met's".
 * - 'casedKey': as 'key', with the case kept (for case-sensitive forms).
 * - 'sameLength': curly apostrophes and quotes straight, odd spaces plain,
 *   dashes "-"; nothing else, so the length is unchanged.
 * - 'words': Unicode compatibility forms and accents removed, lower case,
 *   "&" read as "and", apostrophes dropped inside words ("doesn't" =
 *   "doesnt"), every other non-letter/digit a space, white space collapsed.
 */
export function fold(text: string, folding: Folding): string {
  switch (folding) {
    case 'key':
    case 'casedKey': {
      let out = text
        .normalize('NFKC')
        .replace(/[\u2018\u2019\u201a\u201b\u02bc\u2032`]/g, "'")
        .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
        .replace(/[-\u2010-\u2015\u2212]/g, ' ')
        .replace(/&/g, ' and ');
      if (folding === 'key') out = out.toLowerCase();
      return out.replace(/\s+/g, ' ').trim();
    }
    case 'sameLength':
      return text
        .replace(/[\u2018\u2019\u02bc\u2032`]/g, "'")
        .replace(/[\u201c\u201d\u2033]/g, '"')
        .replace(/[\u00a0\u2007\u202f]/g, ' ')
        .replace(/[\u2010-\u2015]/g, '-');
    case 'words':
      return text
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
        .replace(/&/g, ' and ')
        .replace(/['\u2018\u2019\u02bc`\u00b4]/g, '')
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
  }
}

/** The text as a regular expression that matches it literally. */
export function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A phrase as a regex source: literal, any white space where it has white space. */
export function phraseLiteral(phrase: string): string {
  return escape(phrase).replace(/\s+/g, '\\s+');
}

/** Phrases as one regex alternation, longest first so that the longest wins where several match at one place. */
export function alternation(phrases: readonly string[], source: (phrase: string) => string = phraseLiteral): string {
  return [...phrases]
    .sort((a, b) => b.length - a.length)
    .map(source)
    .join('|');
}

/** Whether a UTF-16 code unit is white space as `\s` and `trim()` read it. */
export function isSpaceCode(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    (c >= 0x80 &&
      (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff))
  );
}

/**
 * The white-space-separated words of `text`, in order (`text.trim().split(/\s+/)` without
 * the regex, and without the one empty word that split gives for blank text).
 */
export function wordsOf(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && isSpaceCode(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSpaceCode(text.charCodeAt(i))) i++;
    out.push(text.slice(start, i));
  }
  return out;
}

/** The last `n` words of `text`, joined by single spaces: `text.trim().split(/\s+/).slice(-n).join(' ')` from the end. */
export function lastWords(text: string, n: number): string {
  const words: string[] = [];
  let i = text.length;
  while (i > 0 && isSpaceCode(text.charCodeAt(i - 1))) i--;
  while (words.length < n && i > 0) {
    const end = i;
    while (i > 0 && !isSpaceCode(text.charCodeAt(i - 1))) i--;
    words.push(text.slice(i, end));
    while (i > 0 && isSpaceCode(text.charCodeAt(i - 1))) i--;
  }
  return words.reverse().join(' ');
}

/** Whether every UTF-16 code unit of `word` is ASCII. */
export function isAscii(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 0x7f) return false;
  return true;
}
