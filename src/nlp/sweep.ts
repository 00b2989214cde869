/**
 * compromise's bulk matcher (`methods.one.bulkMatch`, the sweep its post-tagger runs over some 570
 * patterns) with its candidate step indexed. compromise picks each sentence's candidate patterns by
 * walking every key of its pattern index and concatenating the lists of the keys the sentence has;
 * here only the sentence's own words and tags are looked up, and the lists are joined in the
 * index's key order, so the candidates, their order and so every tag come out the same. The match
 * itself is compromise's own. Most of the saving is that walk: the post-tagger's index has some
 * 730 keys and a sentence holds a few dozen.
 *
 * Installed only while the project tags a text (see tagging.ts); any other caller of compromise
 * in the process gets the matcher as shipped.
 */

/** A pattern as compromise's sweep holds it: what a sentence must (or must not) have to try it. */
interface SweepMatch {
  match: string;
  needs: string[];
  wants: string[];
  minWant: number;
  minWords: number;
  ifNo?: string[];
  unTag?: unknown;
}

interface Net {
  hooks: Record<string, SweepMatch[]>;
  always: SweepMatch[];
}

type Term = object;
interface Methods {
  one: {
    cacheDoc(document: Term[][]): Array<Set<string>>;
    match(document: Term[][], match: SweepMatch): { ptrs: number[][] };
  };
}

export type BulkMatch = (document: Term[][], net: Net, methods: Methods, opts?: { matchOne?: boolean }) => unknown[];

/**
 * A net indexed once: its keys in compromise's walking order (Object.keys), each key's patterns as
 * numbers, each pattern's needs and wants as key numbers, and stamps that mark, for the current
 * sentence, the keys it has and the patterns already placed.
 */
interface IndexedNet {
  position: Map<string, number>;
  lists: number[][];
  patterns: Array<{ match: SweepMatch; needs: number[]; wants: number[] }>;
  placed: Uint32Array;
  has: Uint32Array;
  sentence: number;
}

const indexed = new WeakMap<Net, IndexedNet>();

function indexOf(net: Net): IndexedNet {
  let x = indexed.get(net);
  if (!x) {
    const keys = Object.keys(net.hooks);
    const position = new Map(keys.map((k, i) => [k, i]));
    // One number per distinct pattern (compromise tells patterns apart by their match text).
    const number = new Map<string, number>();
    const patterns: IndexedNet['patterns'] = [];
    // buildNet files every need and want of a pattern as a key, so each has a number.
    const keyNumbers = (words: string[]) => words.map((w) => position.get(w)!);
    const lists = keys.map((k) =>
      net.hooks[k]!.map((m) => {
        let n = number.get(m.match);
        if (n === undefined) {
          n = patterns.length;
          number.set(m.match, n);
          patterns.push({ match: m, needs: keyNumbers(m.needs), wants: keyNumbers(m.wants) });
        }
        return n;
      }),
    );
    x = { position, lists, patterns, placed: new Uint32Array(patterns.length), has: new Uint32Array(keys.length), sentence: 0 };
    indexed.set(net, x);
  }
  return x;
}

/** trimDown's and tooSmall's tests of one pattern, on the keys the sentence has. */
function keep(x: IndexedNet, p: IndexedNet['patterns'][number], haves: ReadonlySet<string>, words: number): boolean {
  const m = p.match;
  if (words < m.minWords) return false;
  for (const need of p.needs) if (x.has[need] !== x.sentence) return false;
  if (m.ifNo !== undefined) for (const no of m.ifNo) if (haves.has(no)) return false;
  if (p.wants.length === 0) return true;
  let found = 0;
  for (const want of p.wants) if (x.has[want] === x.sentence) found++;
  return found >= m.minWant;
}

/** The candidate patterns of one sentence, as compromise's getHooks, trimDown and tooSmall leave them. */
function candidates(net: Net, haves: ReadonlySet<string>, words: number): SweepMatch[] {
  const x = indexOf(net);
  // A new stamp per sentence; when the counter wraps, the marks start again from nothing.
  x.sentence = (x.sentence + 1) >>> 0;
  if (x.sentence === 0) {
    x.placed.fill(0);
    x.has.fill(0);
    x.sentence = 1;
  }
  const present: number[] = [];
  for (const have of haves) {
    const at = x.position.get(have);
    if (at === undefined) continue;
    present.push(at);
    x.has[at] = x.sentence;
  }
  present.sort((a, b) => a - b);
  const out: SweepMatch[] = [];
  for (const at of present) {
    for (const n of x.lists[at]!) {
      // The first of a pattern's appearances decides its place, whether or not it is kept (as in getHooks).
      if (x.placed[n] === x.sentence) continue;
      x.placed[n] = x.sentence;
      const p = x.patterns[n]!;
      if (keep(x, p, haves, words)) out.push(p.match);
    }
  }
  for (const m of net.always) if (words >= m.minWords) out.push(m);
  return out;
}

/** compromise's bulkMatch (src/1-one/sweep/methods/sweep) with the candidate step above. */
export const indexedBulkMatch: BulkMatch = (document, net, methods, opts = {}) => {
  const docCache = methods.one.cacheDoc(document);
  const results: unknown[] = [];
  for (let n = 0; n < document.length; n++) {
    for (const m of candidates(net, docCache[n]!, document[n]!.length)) {
      const res = methods.one.match([document[n]!], m);
      if (res.ptrs.length === 0) continue;
      for (const ptr of res.ptrs) {
        ptr[0] = n; // the sentence's index in the document
        const todo: SweepMatch & { pointer: number[] } = Object.assign({}, m, { pointer: ptr });
        if (m.unTag !== undefined) todo.unTag = m.unTag;
        results.push(todo);
      }
      if (opts.matchOne === true) return [results[0]];
    }
  }
  return results;
};
