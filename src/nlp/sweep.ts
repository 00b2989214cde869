/**
 * compromise's bulk matcher (`methods.one.bulkMatch`, the sweep its post-tagger runs over some 570
 * patterns) with its candidate step indexed. compromise picks each sentence's candidate patterns by
 * walking every key of its pattern index and concatenating the lists of the keys the sentence has;
 * here only the sentence's own words and tags are looked up, and the lists are joined in the
 * index's key order, so the candidates, their order and so every tag come out the same. The match
 * itself is compromise's own. Most of the saving is that walk: the post-tagger's index has
 * thousands of keys and a sentence holds a few dozen.
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
 * numbers, and a stamp per pattern to tell which were already placed for the current sentence.
 */
interface IndexedNet {
  position: Map<string, number>;
  lists: number[][];
  patterns: SweepMatch[];
  stamp: Uint32Array;
  sentence: number;
}

const indexed = new WeakMap<Net, IndexedNet>();

function indexOf(net: Net): IndexedNet {
  let x = indexed.get(net);
  if (!x) {
    const keys = Object.keys(net.hooks);
    // One number per distinct pattern (compromise tells patterns apart by their match text).
    const number = new Map<string, number>();
    const patterns: SweepMatch[] = [];
    const lists = keys.map((k) =>
      net.hooks[k]!.map((m) => {
        let n = number.get(m.match);
        if (n === undefined) {
          n = patterns.length;
          number.set(m.match, n);
          patterns.push(m);
        }
        return n;
      }),
    );
    x = { position: new Map(keys.map((k, i) => [k, i])), lists, patterns, stamp: new Uint32Array(patterns.length), sentence: 0 };
    indexed.set(net, x);
  }
  return x;
}

const keep = (m: SweepMatch, haves: ReadonlySet<string>, words: number): boolean => {
  if (words < m.minWords) return false;
  for (const need of m.needs) if (!haves.has(need)) return false;
  if (m.ifNo !== undefined) for (const no of m.ifNo) if (haves.has(no)) return false;
  if (m.wants.length === 0) return true;
  let found = 0;
  for (const want of m.wants) if (haves.has(want)) found++;
  return found >= m.minWant;
};

/** The candidate patterns of one sentence, as compromise's getHooks, trimDown and tooSmall leave them. */
function candidates(net: Net, haves: ReadonlySet<string>, words: number): SweepMatch[] {
  const x = indexOf(net);
  const present: number[] = [];
  for (const have of haves) {
    const at = x.position.get(have);
    if (at !== undefined) present.push(at);
  }
  present.sort((a, b) => a - b);
  // A new stamp per sentence; the counter wraps long after any process has run.
  x.sentence = (x.sentence + 1) >>> 0 || (x.stamp.fill(0), 1);
  const out: SweepMatch[] = [];
  for (const at of present) {
    for (const n of x.lists[at]!) {
      // The first of a pattern's appearances decides its place, whether or not it is kept (as in getHooks).
      if (x.stamp[n] === x.sentence) continue;
      x.stamp[n] = x.sentence;
      const m = x.patterns[n]!;
      if (keep(m, haves, words)) out.push(m);
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
