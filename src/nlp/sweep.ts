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

/** Each net's keys in compromise's walking order (Object.keys), by position. */
const keyOrder = new WeakMap<Net, { position: Map<string, number>; keys: string[] }>();

function orderOf(net: Net) {
  let order = keyOrder.get(net);
  if (!order) {
    const keys = Object.keys(net.hooks);
    order = { keys, position: new Map(keys.map((k, i) => [k, i])) };
    keyOrder.set(net, order);
  }
  return order;
}

/** The candidate patterns of one sentence, as compromise's getHooks, trimDown and tooSmall leave them. */
function candidates(net: Net, haves: ReadonlySet<string>, words: number): SweepMatch[] {
  const { keys, position } = orderOf(net);
  const present: number[] = [];
  for (const have of haves) {
    const at = position.get(have);
    if (at !== undefined) present.push(at);
  }
  present.sort((a, b) => a - b);
  const seen = new Set<string>();
  const out: SweepMatch[] = [];
  const keep = (m: SweepMatch) =>
    m.needs.every((need) => haves.has(need)) &&
    !(m.ifNo !== undefined && m.ifNo.some((no) => haves.has(no))) &&
    (m.wants.length === 0 || m.wants.filter((w) => haves.has(w)).length >= m.minWant);
  for (const at of present) {
    for (const m of net.hooks[keys[at]!]!) {
      // The first of a pattern's appearances decides its place, whether or not it is kept (as in getHooks).
      if (seen.has(m.match)) continue;
      seen.add(m.match);
      if (keep(m) && words >= m.minWords) out.push(m);
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
