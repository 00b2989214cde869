import type { Document } from '../model/document.ts';
import type { Mention, MentionKind, MentionOf } from '../model/mention.ts';
import type { Paragraph, Sentence } from '../nlp/sentences.ts';
import type { Lexicon } from './lexicon.ts';
import { Tagging } from '../nlp/tagging.ts';

/** What every extractor reads: the document, its sentences and paragraphs, and the domain lexicon. */
export interface ExtractionInput {
  document: Document;
  sentences: readonly Sentence[];
  paragraphs: readonly Paragraph[];
  lexicon: Lexicon;
  /** compromise's readings of the document's texts, shared by the extractors (see taggingOf). */
  tagging?: Tagging;
}

/** The input's shared compromise readings, started on first use. */
export function taggingOf(input: ExtractionInput): Tagging {
  return (input.tagging ??= new Tagging());
}

/** Mentions found by earlier extractors, by kind: later extractors build on them. */
export class FoundMentions {
  private readonly byKind = new Map<MentionKind, Mention[]>();

  add(mentions: readonly Mention[]): void {
    for (const m of mentions) {
      const list = this.byKind.get(m.kind) ?? [];
      list.push(m);
      this.byKind.set(m.kind, list);
    }
  }

  of<K extends MentionKind>(kind: K): MentionOf<K>[] {
    return (this.byKind.get(kind) ?? []) as MentionOf<K>[];
  }

  all(): Mention[] {
    return [...this.byKind.values()].flat().sort((a, b) => a.start - b.start || a.end - b.end || (a.kind < b.kind ? -1 : 1));
  }
}

/** A small extractor: one kind of thing, from the input and what was found before. */
export interface Extractor {
  name: string;
  extract(input: ExtractionInput, found: FoundMentions): Mention[];
}

/** The force the document is about: the one it names most, first on a tie. */
export function primaryForce(found: FoundMentions): string | undefined {
  const counts = new Map<string, { n: number; first: number }>();
  for (const f of found.of('force')) {
    const c = counts.get(f.name) ?? { n: 0, first: f.start };
    c.n++;
    counts.set(f.name, c);
  }
  return [...counts.entries()].sort((a, b) => b[1].n - a[1].n || a[1].first - b[1].first)[0]?.[0];
}

/** The change a document is about: its most frequent (force, stage, change), the first on a tie. */
export function mostFrequent(events: MentionOf<'stageEvent'>[]): MentionOf<'stageEvent'> | undefined {
  const counts = new Map<string, { n: number; e: MentionOf<'stageEvent'> }>();
  for (const e of events) {
    const key = `${e.force}|${e.stage}|${e.change}`;
    const c = counts.get(key) ?? { n: 0, e };
    c.n++;
    counts.set(key, c);
  }
  return [...counts.values()].sort((a, b) => b.n - a.n || a.e.start - b.e.start)[0]?.e;
}
