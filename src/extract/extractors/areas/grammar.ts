import { readTerms, type ReadTerm } from '../../../nlp/tagging.ts';
import { taggingOf } from '../../context.ts';
import type { Ctx, Span } from './cues.ts';

/** Part-of-speech tags of the words of a span, from compromise (the document's shared readings). */

export interface Term {
  text: string;
  tags: Set<string>;
  start: number;
  end: number;
}

function tagged(ctx: Ctx, text: string): ReadTerm[] {
  return taggingOf(ctx.input).memo('terms', text, readTerms);
}

/** The words of a span with their tags, tagged in the context of `within` (a sentence or phrase around it). */
export function termsOf(ctx: Ctx, span: Span, within: Span = span): Term[] {
  return tagged(ctx, ctx.text.slice(within.start, within.end))
    .map((t) => ({ text: t.text, tags: new Set(t.tags), start: within.start + t.start, end: within.start + t.start + t.length }))
    .filter((t) => t.start >= span.start && t.end <= span.end);
}

/** A modifier that may share its head noun with the next one ("101 and 999 calls", "local and national teams"). */
export const isModifier = (t: Term | undefined): boolean => t !== undefined && (t.tags.has('Value') || t.tags.has('Adjective')) && !t.tags.has('Noun');
