/**
 * compromise's bulk matcher (`methods.one.bulkMatch`, the sweep its post-tagger runs over some 570
 * patterns) with its candidate step indexed. compromise picks each sentence's candidate patterns by
 * walking every key of its pattern index and concatenating the lists of the keys the sentence has;
 * here only the sentence's own words and tags are looked up, and the lists are joined in the
 * index's key order, so the candidates, their order and so every tag come out the same. The walk
 * was the first saving: the post-tagger's index has some 730 keys and a sentence holds a few dozen.
 * Then each candidate's leading one-word tests are run over the sentence's terms (prefixOf), and
 * compromise's own matcher is given the pattern only from the first term where they can match.
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
  /** The parsed pattern, one entry per term test. */
  regs?: Reg[];
}

/** One term test of a parsed pattern (compromise's parseMatch), as far as prefixOf reads it. */
interface Reg {
  word?: string;
  tag?: string;
  switch?: string;
  fastOr?: Set<string>;
  pos?: string;
  [other: string]: unknown;
}

/** A term as compromise's term tests read it. */
interface MatchTerm {
  text: string;
  normal: string;
  machine?: string | null;
  root?: string;
  implicit?: string;
  alias?: string[];
  switch?: string;
  tags: Set<string>;
}

interface Net {
  hooks: Record<string, SweepMatch[]>;
  always: SweepMatch[];
}

type Term = object;
interface Methods {
  one: {
    cacheDoc(document: Term[][]): Array<Set<string>>;
    termMethods: Record<string, (t: MatchTerm) => boolean>;
    match(document: Term[][], match: SweepMatch): { ptrs: number[][] };
  };
}

export type BulkMatch = (document: Term[][], net: Net, methods: Methods, opts?: { matchOne?: boolean }) => unknown[];

/** A pattern as the sweep tries it: compromise's, its needs and wants as key numbers, and its plain run (prefixOf). */
interface Candidate {
  match: SweepMatch;
  needs: number[];
  wants: number[];
  prefix: Prefix | null;
}

/** The patterns a net tries on every sentence, with their plain runs. */
function alwaysOf(net: Net): Candidate[] {
  let always = alwaysByNet.get(net);
  if (!always) {
    always = net.always.map((m) => ({ match: m, needs: [], wants: [], prefix: prefixOf(m) }));
    alwaysByNet.set(net, always);
  }
  return always;
}
const alwaysByNet = new WeakMap<Net, Candidate[]>();

/**
 * A net indexed once: its keys in compromise's walking order (Object.keys), each key's patterns as
 * numbers, each pattern's needs and wants as key numbers, and stamps that mark, for the current
 * sentence, the keys it has and the patterns already placed.
 */
interface IndexedNet {
  position: Map<string, number>;
  lists: number[][];
  patterns: Candidate[];
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
          patterns.push({ match: m, needs: keyNumbers(m.needs), wants: keyNumbers(m.wants), prefix: prefixOf(m) });
        }
        return n;
      }),
    );
    x = { position, lists, patterns, placed: new Uint32Array(patterns.length), has: new Uint32Array(keys.length), sentence: 0 };
    indexed.set(net, x);
  }
  return x;
}

/**
 * A pattern's leading run of one-term tests (isPlainTest), each required or optional (?), once or
 * repeated (+), none negated, the last one possibly anchored at the end ($); with whether the
 * pattern is anchored at the start (^). Kept when it holds two required tests or more. Where
 * nothing in the sentence is a contraction's implied word, a test takes one term, or none when
 * optional, or a run of passing terms when repeated; compromise's own choices among these (an
 * optional test sharing its term with the next, a repeat stopping where the next test passes) are
 * among the paths tried here. So compromise can match the pattern only where the run can match.
 */
function prefixOf(m: SweepMatch): Prefix | null {
  const regs = m.regs ?? [];
  const steps: Prefix['steps'] = [];
  for (const [i, r] of regs.entries()) {
    // A test anchored at the end ($) must take the last term: the run stops there.
    const end = r.end === true && r.optional !== true && r.greedy !== true;
    if (!isPlainTest(end ? { ...r, end: undefined } : r, i === 0)) break;
    steps.push({ passes: compileTest(r), optional: r.optional === true, repeated: r.greedy === true, end });
    if (end) break;
  }
  return steps.filter((x) => !x.optional).length >= 2 ? { steps, atStart: regs[0]!.start === true, anchored: regs.some(hasStartAnchor) } : null;
}
interface Prefix {
  steps: Array<{ passes: (t: MatchTerm) => boolean; optional: boolean; repeated: boolean; end: boolean }>;
  atStart: boolean;
  /** Some test of the pattern (a choice inside one too) is anchored at the sentence's start (^). */
  anchored: boolean;
}

/** Whether a test, or a choice inside it, is anchored at the start (^). */
function hasStartAnchor(r: Reg): boolean {
  if (r.start === true) return true;
  const choices = r.choices as unknown;
  return Array.isArray(choices) && choices.some((c) => Array.isArray(c) && c.some((x) => hasStartAnchor(x as Reg)));
}

/** The keys a plain test may carry: its one test, and marks of where and how often it applies (a capture group, ^, ?, +). */
const PLAIN_KEYS = new Set(['word', 'tag', 'switch', 'fastOr', 'method', 'regex', 'pos', 'operator', 'choices', 'group', 'groupStart', 'groupEnd', 'start', 'optional', 'greedy']);
/** The keys of a test inside a choice block, which compromise tries as they are (no negation, no repetition). */
const CHOICE_KEYS = new Set(['word', 'tag', 'switch', 'fastOr', 'method', 'regex', 'pos', 'operator']);

/**
 * A test of one term: a word, #Tag, %Switch%, @method, /regex/ or fast (a|b) list; or a block of one-word
 * choices, any of which (a|#Tag) or all of which (#Tag && @method) must pass, which also takes one term.
 */
function isPlainTest(r: Reg, first: boolean): boolean {
  if (r.start === true && !first) return false;
  if (r.choices === undefined) return isOneTest(r, PLAIN_KEYS);
  if (!onlyKeys(r, PLAIN_KEYS) || (r.operator !== 'or' && r.operator !== 'and')) return false;
  if ([r.word, r.tag, r.switch, r.fastOr, r.method, r.regex].some((x) => x !== undefined)) return false;
  const choices = r.choices as unknown;
  return Array.isArray(choices) && choices.length > 0 && choices.every((c) => Array.isArray(c) && c.length === 1 && isOneTest(c[0] as Reg, CHOICE_KEYS));
}

/** Whether every key the test sets (true or a value) is one of `keys`. */
function onlyKeys(r: Reg, keys: ReadonlySet<string>): boolean {
  for (const k of Object.keys(r)) if (r[k] !== undefined && r[k] !== false && !keys.has(k)) return false;
  return true;
}

function isOneTest(r: Reg, keys: ReadonlySet<string>): boolean {
  if (!onlyKeys(r, keys) || r.choices !== undefined) return false;
  if (r.operator !== undefined && (r.operator !== 'or' || r.fastOr === undefined)) return false;
  // Exactly one test, as compromise tries them in doesMatch (word, tag, method, regex, switch, fastOr).
  const kinds = [r.word, r.tag, r.switch, r.fastOr, r.method, r.regex].filter((x) => x !== undefined).length;
  if (kinds !== 1) return false;
  // A /regex/ is tested on the term's normal form; one with state (g, y) would not test alike twice.
  if (r.regex !== undefined && (!(r.regex instanceof RegExp) || r.regex.global || r.regex.sticky)) return false;
  return r.pos === undefined || r.fastOr !== undefined;
}

/** compromise's term methods (@hasComma, @hasHyphen ...), as the sweep was given them. */
let termMethods: Record<string, (t: MatchTerm) => boolean> = {};

/** compromise's doesMatch for a plain test, as a function made once per test. */
function compileTest(r: Reg): (t: MatchTerm) => boolean {
  if (r.choices !== undefined) {
    const tests = (r.choices as Reg[][]).map((c) => compileTest(c[0]!));
    return r.operator === 'and' ? (t) => tests.every((f) => f(t)) : (t) => tests.some((f) => f(t));
  }
  const { word, tag, method, regex, switch: sw, pos, fastOr } = r;
  if (word !== undefined) return (t) => (t.machine !== null && t.machine === word) || (t.alias !== undefined && t.alias.some((a) => a === word)) || word === t.text || word === t.normal;
  if (tag !== undefined) return (t) => t.tags.has(tag);
  if (method !== undefined) {
    return (t) => {
      const f = termMethods[method as string];
      return typeof f === 'function' && f(t) === true;
    };
  }
  if (regex !== undefined) return (t) => (regex as RegExp).test(t.normal);
  if (sw !== undefined) return (t) => t.switch === sw;
  const words = fastOr!;
  return (t) => (pos === undefined || t.tags.has(pos)) && (words.has(t.root || t.implicit || t.machine || t.normal) || words.has(t.text));
}

/** Whether the steps from `j` on can match from term `at`. */
function runFrom(steps: Prefix['steps'], terms: readonly MatchTerm[], at: number, j: number): boolean {
  if (j === steps.length) return true;
  const { passes, optional, repeated, end } = steps[j]!;
  if (optional && runFrom(steps, terms, at, j + 1)) return true;
  // One term, or (repeated, +) as many passing terms as follow.
  for (let next = at; next < terms.length && passes(terms[next]!); next++) {
    if ((!end || next === terms.length - 1) && runFrom(steps, terms, next + 1, j + 1)) return true;
    if (!repeated) break;
  }
  return false;
}

/** The first term of the sentence from which the pattern's plain run (prefixOf) can match; 0 when it has none, -1 if none can. */
function firstStart(p: Prefix | null, terms: readonly MatchTerm[]): number {
  if (p === null) return 0;
  const last = p.atStart ? 0 : terms.length - 1;
  for (let i = 0; i <= last; i++) if (runFrom(p.steps, terms, i, 0)) return i;
  return -1;
}

/** trimDown's and tooSmall's tests of one pattern, on the keys the sentence has. */
function keep(x: IndexedNet, p: Candidate, haves: ReadonlySet<string>, words: number): boolean {
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
function candidates(net: Net, haves: ReadonlySet<string>, words: number): Candidate[] {
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
  const out: Candidate[] = [];
  for (const at of present) {
    for (const n of x.lists[at]!) {
      // The first of a pattern's appearances decides its place, whether or not it is kept (as in getHooks).
      if (x.placed[n] === x.sentence) continue;
      x.placed[n] = x.sentence;
      const p = x.patterns[n]!;
      if (keep(x, p, haves, words)) out.push(p);
    }
  }
  for (const p of alwaysOf(net)) if (words >= p.match.minWords) out.push(p);
  return out;
}

/** compromise's bulkMatch (src/1-one/sweep/methods/sweep) with the candidate step above. */
export const indexedBulkMatch: BulkMatch = (document, net, methods, opts = {}) => {
  const docCache = methods.one.cacheDoc(document);
  termMethods = methods.one.termMethods;
  const results: unknown[] = [];
  for (let n = 0; n < document.length; n++) {
    const sentence = document[n]!;
    // A word that stands for two ("we've") may make compromise skip a term: no prefix test there.
    const plain = !sentence.some((t) => (t as MatchTerm).implicit);
    for (const { match: m, prefix } of candidates(net, docCache[n]!, sentence.length)) {
      const from = plain ? firstStart(prefix, sentence as MatchTerm[]) : 0;
      if (from < 0) continue;
      // compromise tries a pattern at every term: the terms before the first where it can start are
      // left out (a match never looks behind its start, and no test of this pattern reads ^), and
      // its offsets put back.
      const skip = prefix?.anchored ? 0 : from;
      const res = methods.one.match([skip === 0 ? sentence : sentence.slice(skip)], m);
      if (res.ptrs.length === 0) continue;
      for (const ptr of res.ptrs) {
        ptr[0] = n; // the sentence's index in the document
        ptr[1]! += skip;
        ptr[2]! += skip;
        const todo: SweepMatch & { pointer: number[] } = Object.assign({}, m, { pointer: ptr });
        if (m.unTag !== undefined) todo.unTag = m.unTag;
        results.push(todo);
      }
      if (opts.matchOne === true) return [results[0]];
    }
  }
  return results;
};
