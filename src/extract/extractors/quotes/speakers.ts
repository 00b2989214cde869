import { taggingOf, type ExtractionInput } from '../../context.ts';
import type { Reference, Speaker } from './references.ts';

/**
 * Turns a reference into the person or body it names. Pronouns go back to the
 * nearest earlier person of the right gender, preferring one who is the
 * subject of a sentence ("He commends X" is still about the earlier subject,
 * not X); "it"/"they" to the nearest earlier body; a spokesperson to the body
 * named with it; a report to the inspectorate (or the body named with it); a
 * letter to whoever was last said to write.
 */
export class SpeakerResolver {
  private readonly genders = new Map<string, 'he' | 'she' | undefined>();
  private readonly subjects = new Map<number, boolean>();

  constructor(
    private readonly input: ExtractionInput,
    /** All references, in text order, outside quotations. */
    private readonly refs: readonly Reference[],
  ) {}

  resolve(ref: Reference): Speaker | null {
    switch (ref.kind) {
      case 'named':
        return ref.speaker;
      case 'pronoun':
        return ref.pronoun === 'he' || ref.pronoun === 'she' ? this.personBefore(ref.start, ref.pronoun) : this.bodyBefore(ref.start);
      case 'spokesperson':
        return this.bodyNear(ref);
      case 'source':
        return ref.author === 'inspectorate' ? (this.bodyNear(ref) ?? { name: this.input.lexicon.inspectorate, kind: 'organisation' }) : this.writerBefore(ref.start);
    }
  }

  /** The body named in the same phrase: "an HMICFRS spokesman", "a spokesperson for the IOPC", "the HMICFRS website". */
  private bodyNear(ref: Reference): Speaker | null {
    const text = this.input.document.text;
    for (const r of this.refs) {
      if (r.kind !== 'named' || r.speaker.kind !== 'organisation') continue;
      const gapBefore = r.end <= ref.start ? text.slice(r.end, ref.start) : undefined;
      const gapAfter = r.start >= ref.end ? text.slice(ref.end, r.start) : undefined;
      if (gapBefore !== undefined && /^(?:['’]s)?\s*(?:[\p{L}-]+\s+){0,2}$/u.test(gapBefore) && !/[.;:]/.test(gapBefore)) return r.speaker;
      if (gapAfter !== undefined && /^\s+(?:for|of|from|at)\s+(?:the\s+)?$/iu.test(gapAfter)) return r.speaker;
    }
    return null;
  }

  private personBefore(at: number, pronoun: 'he' | 'she'): Speaker | null {
    const people = this.refs.filter((r): r is Extract<Reference, { kind: 'named' }> => r.kind === 'named' && r.speaker.kind === 'person' && r.end <= at);
    const fits = people.filter((r) => (this.genderOf(r.speaker.name) ?? pronoun) === pronoun);
    const subject = [...fits].reverse().find((r) => this.isSubject(r));
    const pick = subject ?? fits[fits.length - 1];
    return pick?.speaker ?? null;
  }

  private bodyBefore(at: number): Speaker | null {
    for (let i = this.refs.length - 1; i >= 0; i--) {
      const r = this.refs[i]!;
      if (r.end > at) continue;
      if (r.kind === 'named' && r.speaker.kind !== 'person') return r.speaker;
      if (r.kind === 'source' || r.kind === 'spokesperson') return this.resolve(r);
    }
    return null;
  }

  /** The last person or body said to write before `at`: the author of "the letter". */
  private writerBefore(at: number): Speaker | null {
    const text = this.input.document.text;
    const write = this.input.lexicon.quotes.writeVerb;
    for (let i = this.refs.length - 1; i >= 0; i--) {
      const r = this.refs[i]!;
      if (r.end > at || r.kind === 'source') continue;
      const after = text.slice(r.end, Math.min(r.end + 40, at));
      const verb = write.exec(after);
      if (verb && !/[.;:]/.test(after.slice(0, verb.index))) {
        const speaker = r.kind === 'pronoun' ? this.resolve(r) : r.kind === 'named' ? r.speaker : null;
        if (speaker) return speaker;
      }
    }
    return null;
  }

  private genderOf(name: string): 'he' | 'she' | undefined {
    if (!this.genders.has(name)) {
      const first = name.split(/\s+/)[0] ?? '';
      const gender = taggingOf(this.input).memo('gender', first, (doc) => (doc.has('#FemaleName') ? 'she' : doc.has('#MaleName') ? 'he' : undefined));
      this.genders.set(name, gender);
    }
    return this.genders.get(name);
  }

  /** A mention is a sentence's subject when a verb follows it, past an optional ", title," apposition. */
  isSubject(ref: Reference): boolean {
    const cached = this.subjects.get(ref.start);
    if (cached !== undefined) return cached;
    const text = this.input.document.text;
    let rest = text.slice(ref.end, ref.end + 120).split(/[.;:\n]/)[0] ?? '';
    const apposition = /^\s*,[^,]{1,80},/.exec(rest);
    if (apposition) rest = rest.slice(apposition[0].length);
    const words = rest.trim().split(/\s+/).slice(0, 4).join(' ');
    const terms = (taggingOf(this.input).memo('json', `${'Someone'} ${words}`, (doc) => doc.json()) as Array<{ terms: Array<{ tags: string[] }> }>)[0]?.terms.slice(1) ?? [];
    let result = false;
    for (const t of terms) {
      if (t.tags.includes('Adverb')) continue;
      result = t.tags.includes('Verb');
      break;
    }
    this.subjects.set(ref.start, result);
    return result;
  }
}
