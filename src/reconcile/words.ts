// Content words of short phrases, for comparing areas of concern or
// improvement written in different words ("call handling" / "answering calls
// more quickly"). No stemmer: two words match when equal or when they share a
// long enough beginning ("investigates" / "investigations", "child" /
// "children"). Pure.

/** Function words and words every area statement uses: they say nothing about which area it is. */
const STOP = new Set(
  `a about across after against all also an and any are as at be been being both but by can could did do does doesn't
   don't each for from get gets getting had has have having how in into is isn't it its more most much need needs
   needed no not of on or other our over so some such than that the their them there these they this those through to
   under up was we were what when where whether which while who will with within would
   area areas aspect aspects issue issues matter matters key main several various many number crucial specific
   make makes made making sure better well new way ways place put putting put
   improve improves improved improving improvement improvements progress work working
   force forces police policing service services constabulary
   effective effectively appropriate appropriately adequate adequately properly significant significantly
   including include includes related relating regarding around concern concerns failing failure failures`.split(/\s+/),
);

export function contentWords(text: string): string[] {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .split(/[^a-z0-9']+/)
    .map((w) => w.replace(/^'+|'+$/g, '').replace(/'s$/, ''))
    .filter((w) => w.length >= 3 && !STOP.has(w) && !/^\d+$/.test(w));
  return [...new Set(words)].sort();
}

/** Same word, or the same word in another form: a common beginning of at least min(6, shorter length) letters, shorter length at least 4. */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  if (shorter < 4) return false;
  const need = Math.min(6, shorter);
  return a.slice(0, need) === b.slice(0, need);
}

/** The words of `a` that some word of `b` matches. */
export function sharedWords(a: readonly string[], b: readonly string[]): string[] {
  return a.filter((w) => b.some((v) => sameWord(w, v)));
}
