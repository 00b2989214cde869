import type { Document } from '../model/document.ts';
import type { Mention, MentionKind, MentionOf } from '../model/mention.ts';
import type { Paragraph, Sentence } from '../nlp/sentences.ts';
import type { Lexicon } from './lexicon.ts';

/** What every extractor reads: the document, its sentences and paragraphs, and the domain lexicon. */
export interface ExtractionInput {
  document: Document;
  sentences: readonly Sentence[];
  paragraphs: readonly Paragraph[];
  lexicon: Lexicon;
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
