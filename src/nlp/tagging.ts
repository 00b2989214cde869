import nlp from 'compromise';
import { indexedBulkMatch, type BulkMatch } from './sweep.ts';

export type View = ReturnType<typeof nlp>;

/**
 * nlp(text) without its last step, the chunker: only the verbs read chunks (`<Verb>`), and
 * they ask for them (see chunked). The tags are the same: chunking comes after tagging.
 */
interface World {
  hooks: string[];
  methods: {
    one: { bulkMatch: BulkMatch; tokenize: { fromString(text: string, world: World): unknown; splitSentences(text: string, world: World): string[] } };
  };
}
const world = (nlp as unknown as { world(): World }).world();
const TAGGING_HOOKS = world.hooks.filter((h) => h !== 'chunks');
const ViewOf = nlp('').constructor as new (document: unknown) => View;

function read(text: string): View {
  if (!text) return nlp(text);
  const doc = new ViewOf(world.methods.one.tokenize.fromString(text, world));
  // The same sweep with its candidates indexed (sweep.ts), for this call only: tagging is synchronous.
  const shipped = world.methods.one.bulkMatch;
  world.methods.one.bulkMatch = indexedBulkMatch;
  try {
    doc.compute(TAGGING_HOOKS);
  } finally {
    world.methods.one.bulkMatch = shipped;
  }
  return doc;
}

/**
 * The sentences compromise finds in `text`, as it splits them when it reads the text, each with
 * its offset in `text` and without its trailing white space. compromise tags each sentence on its
 * own, so the tags of a sentence read alone are its tags inside the whole text: a caller can read
 * only the sentences that matter.
 */
export function taggerSentences(text: string): Array<{ start: number; text: string }> {
  const out: Array<{ start: number; text: string }> = [];
  let at = 0;
  for (const piece of world.methods.one.tokenize.splitSentences(text, world)) {
    const trimmed = piece.trimEnd();
    if (trimmed) out.push({ start: at, text: trimmed });
    at += piece.length;
  }
  return out;
}

/** A word of a reading as `terms().json({ offset: true })` gives it: its text (with its punctuation), tags, start and length. */
export interface ReadTerm {
  text: string;
  /** The word alone, without its punctuation (the term's own text in that JSON). */
  word: string;
  tags: ReadonlySet<string>;
  /** Where the word itself starts (after any punctuation before it). */
  start: number;
  /** The length of `text`. */
  length: number;
}

interface RawTerm {
  text: string;
  normal?: string;
  pre?: string;
  post?: string;
  tags: Set<string>;
  offset: { start: number };
}

/**
 * The words of a reading, read from compromise's terms in place: `terms().json({ offset: true })`
 * builds a view and a JSON object per word to give the same text, tags and offsets.
 */
export function readTerms(doc: View): ReadTerm[] {
  doc.compute('offset');
  const out: ReadTerm[] = [];
  for (const sentence of (doc as unknown as { docs: RawTerm[][] }).docs) {
    for (const t of sentence) {
      const text = ((t.pre || '') + (t.text || t.normal || '') + (t.post || '')).trim();
      out.push({ text, word: t.text, tags: t.tags, start: t.offset.start, length: text.length });
    }
  }
  return out;
}

/** A reading with its chunks, for the API that reads them (verbs()). */
export function chunked(doc: View): View {
  doc.compute('chunks');
  return doc;
}

/**
 * compromise's reading of the texts of one document, each text parsed and tagged once.
 * Tagging is most of the cost of extraction, and several extractors ask about the same
 * sentence or paragraph; a reading depends on its text alone, so sharing it changes nothing.
 * Results derived from a reading (its terms, its verbs) are kept too, by what was asked.
 * A reading is only read, never re-tagged: every user sees the text as compromise tags it.
 */
export class Tagging {
  private readonly docs = new Map<string, View>();
  private readonly results = new Map<string, Map<string, unknown>>();

  /** The tagged reading of `text`. */
  doc(text: string): View {
    let doc = this.docs.get(text);
    if (!doc) {
      doc = read(text);
      this.docs.set(text, doc);
    }
    return doc;
  }

  /** `derive` of the reading of `text`, computed once per document for each `what`. The result is shared: do not change it. */
  memo<T>(what: string, text: string, derive: (doc: View) => T): T {
    let byText = this.results.get(what);
    if (!byText) {
      byText = new Map();
      this.results.set(what, byText);
    }
    if (byText.has(text)) return byText.get(text) as T;
    const result = derive(this.doc(text));
    byText.set(text, result);
    return result;
  }
}
