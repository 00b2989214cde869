/**
 * Text normalisers: the keys under which names, phrases and cues are compared.
 */

/**
 * The key used both to build lookup tables and to match text against them.
 *
 * It: applies Unicode NFKC (no-break and other odd spaces become spaces);
 * turns curly/typographic apostrophes and primes (’ ‘ ‛ ʼ ′ `) into "'" and
 * curly double quotes into '"'; turns hyphens and dashes (- ‐ ‑ ‒ – — ― −)
 * into spaces, so "Dyfed-Powys" = "Dyfed Powys" and "anti-social" =
 * "anti social"; turns "&" into " and "; lower-cases (unless `keepCase`);
 * collapses runs of white space to one space and trims.
 *
 * It does NOT strip possessive "'s", other punctuation (dots, commas,
 * slashes), or a leading "the": "the Met's" stays "the met's".
 */
export function normaliseForMatch(s: string, options: { keepCase?: boolean } = {}): string {
  let out = s
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201a\u201b\u02bc\u2032`]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[-\u2010-\u2015\u2212]/g, ' ')
    .replace(/&/g, ' and ');
  if (!options.keepCase) out = out.toLowerCase();
  return out.replace(/\s+/g, ' ').trim();
}
