import { keepNonOverlapping } from '../util/spans.ts';
import { alternation, escape, fold, isAscii } from '../util/text.ts';
import { allMatches } from '../util/regex.ts';

/**
 * Finds the written forms of known names in text: longest match first, on word
 * boundaries, with typographic variants (curly apostrophes, "&" for "and",
 * "Majesty's" / "Majesty’s") folded so one listed form covers them all.
 */

export interface GazetteerEntry {
  canonical: string;
  forms: readonly string[];
  /** Forms that only count with this exact capitalisation ("Met", not "met"). */
  caseSensitiveForms?: readonly string[];
  /** Longer phrases that contain a form but name something else ("Met Office"): matches inside them are dropped. */
  excludePhrases?: readonly string[];
}

export interface GazetteerOptions {
  /** Text right after a match that makes it part of another name ("Federation", "and Crime Commissioner"). */
  notFollowedBy?: readonly string[];
}

export interface GazetteerMatch {
  canonical: string;
  start: number;
  end: number;
  surface: string;
}

/** In a form, "{gap}" stands for one to three lower-case words ("Kent's {gap} police officers"). */
const GAP = '{gap}';
const GAP_PATTERN = "(?:\\p{Ll}[\\p{L}'-]*\\s+){0,2}\\p{Ll}[\\p{L}'-]*";

/** A form as a pattern: flexible white space, "and"/"&" interchangeable, optional possessive apostrophe. */
function formPattern(form: string): string {
  return fold(form, 'sameLength')
    .trim()
    .split(/\s+/)
    .map((word) => (word === GAP ? GAP_PATTERN : word === '&' || word.toLowerCase() === 'and' ? '(?:and|&)' : escape(word).replace(/'/g, "'?")))
    .join('\\s+');
}

/** A following phrase as a pattern; a leading comma may sit right after the match ("Essex Police, Fire and ..."). */
function followerPattern(phrase: string): string {
  const trimmed = phrase.trim();
  const comma = trimmed.startsWith(',');
  const rest = formPattern(comma ? trimmed.slice(1) : trimmed);
  return comma ? `,\\s*${rest}` : rest;
}

export class Gazetteer {
  private readonly insensitive: FormMatcher | null;
  private readonly sensitive: FormMatcher | null;
  private readonly lookup = new Map<string, string>();
  private readonly lookupSensitive = new Map<string, string>();
  private readonly excluded = new Map<string, RegExp>();
  private readonly notFollowedBy: RegExp | null;
  /** Forms with a gap, one capture group each, and the canonical name of each group. */
  private readonly gapped: RegExp | null;
  private readonly gappedCanonical: string[] = [];

  constructor(entries: readonly GazetteerEntry[], options: GazetteerOptions = {}) {
    const insensitiveForms: string[] = [];
    const sensitiveForms: string[] = [];
    const gappedForms: string[] = [];
    for (const e of entries) {
      for (const f of [e.canonical, ...e.forms]) {
        if (f.includes(GAP)) {
          gappedForms.push(`(${formPattern(f)})`);
          this.gappedCanonical.push(e.canonical);
          continue;
        }
        insensitiveForms.push(f);
        this.lookup.set(Gazetteer.key(f), e.canonical);
      }
      for (const f of e.caseSensitiveForms ?? []) {
        sensitiveForms.push(f);
        this.lookupSensitive.set(Gazetteer.keySensitive(f), e.canonical);
      }
    }
    this.insensitive = Gazetteer.matcher(insensitiveForms, true);
    this.sensitive = Gazetteer.matcher(sensitiveForms, false);
    // Case-insensitive but for the gap, which stays lower case.
    this.gapped = gappedForms.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${gappedForms.join('|')})(?![\\p{L}\\p{N}])`, 'gu') : null;
    for (const e of entries) {
      const phrases = Gazetteer.build([...(e.excludePhrases ?? [])], 'gi');
      if (phrases) this.excluded.set(e.canonical, phrases);
    }
    const after = options.notFollowedBy ?? [];
    this.notFollowedBy = after.length ? new RegExp(`^\\s*(?:${alternation(after, followerPattern)})(?![\\p{L}\\p{N}])`, 'iu') : null;
  }

  /** Whether a match is part of a longer name: inside an excluded phrase, or followed by a word that extends it. */
  private isPartOfOtherName(folded: string, canonical: string, start: number, end: number): boolean {
    if (this.notFollowedBy?.test(folded.slice(end, end + 60))) return true;
    const phrases = this.excluded.get(canonical);
    if (!phrases) return false;
    const from = Math.max(0, start - 60);
    const window = folded.slice(from, end + 60);
    for (const p of allMatches(window, phrases)) {
      // The phrase overlaps the match and runs to its end or beyond: "the Met" in "the Met Office".
      if (from + p.index < end && from + p.index + p[0].length >= end) return true;
    }
    return false;
  }

  private static build(forms: string[], flags: string): RegExp | null {
    if (forms.length === 0) return null;
    // Longest forms first: "Greater Manchester Police" wins over "Manchester".
    return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation([...new Set(forms)], formPattern)})(?![\\p{L}\\p{N}])`, `${flags}u`);
  }

  private static matcher(forms: string[], caseInsensitive: boolean): FormMatcher | null {
    return forms.length === 0 ? null : new FormMatcher([...new Set(forms)], caseInsensitive);
  }

  static key(form: string): string {
    return Gazetteer.keySensitive(form).toLowerCase();
  }

  private static keySensitive(form: string): string {
    return fold(form, 'sameLength').replace(/&/g, 'and').replace(/'/g, '').replace(/\s+/g, ' ').trim();
  }

  /** The canonical name of a written form, if it is one. */
  canonicalOf(form: string): string | undefined {
    return this.lookupSensitive.get(Gazetteer.keySensitive(form)) ?? this.lookup.get(Gazetteer.key(form));
  }

  /** The last texts looked up and what was found: extractors look up the same document (or line) again. */
  private readonly recent = new Map<string, GazetteerMatch[]>();

  /**
   * Whether some form may start at offset `at` of `text`: false only where the word there starts
   * no form (a cheap test before finding in a slice that starts there).
   */
  mayStartAt(text: string, at: number): boolean {
    if (this.gapped) return true;
    const word = WORD_AT.exec(text.slice(at, at + 80))?.[0] ?? '';
    return [this.insensitive, this.sensitive].some((m) => m !== null && m.mayStartWith(word));
  }

  find(text: string): GazetteerMatch[] {
    let found = this.recent.get(text);
    if (!found) {
      found = this.findAnew(text);
      if (this.recent.size >= 16) this.recent.delete(this.recent.keys().next().value!);
      this.recent.set(text, found);
    }
    // Copies: a caller may change what it was given.
    return found.map((m) => ({ ...m }));
  }

  private findAnew(text: string): GazetteerMatch[] {
    const { folded, words } = scanned(text);
    const out: GazetteerMatch[] = [];
    for (const [matcher, sensitive] of [[this.insensitive, false], [this.sensitive, true]] as const) {
      if (!matcher) continue;
      for (const m of matcher.matches(folded, words)) {
        const surface = text.slice(m.index, m.index + m[0].length);
        const canonical = sensitive ? this.lookupSensitive.get(Gazetteer.keySensitive(m[0])) : this.lookup.get(Gazetteer.key(m[0]));
        if (canonical && !this.isPartOfOtherName(folded, canonical, m.index, m.index + m[0].length)) {
          out.push({ canonical, start: m.index, end: m.index + m[0].length, surface });
        }
      }
    }
    if (this.gapped) {
      for (const m of allMatches(folded, this.gapped)) {
        const canonical = this.gappedCanonical[m.slice(1).findIndex((g) => g !== undefined)];
        const end = m.index + m[0].length;
        if (canonical && !this.isPartOfOtherName(folded, canonical, m.index, end)) out.push({ canonical, start: m.index, end, surface: text.slice(m.index, end) });
      }
    }
    // Overlaps between the passes: keep the longer.
    return keepNonOverlapping(out);
  }
}

const WORD_RUN = /[\p{L}\p{N}]+/gu;
const WORD_AT = /^[\p{L}\p{N}]+/u;
const ASCII_ALNUM_START = /^[A-Za-z0-9]+/;


/** A word of the folded text: where it starts, and whether it is all ASCII (else looked up by the whole alternation). */
interface Word {
  index: number;
  text: string;
  /** The word in lower case, for the case-insensitive forms. */
  lower: string;
  ascii: boolean;
}

/**
 * The text folded and cut into words, kept for the last few texts: every gazetteer (forces, police
 * areas, organisations, titles) reads the same document in turn, and each read the words anew;
 * between two reads of the document, a title's next words may be read alone (see titles.ts).
 */
const recentScans: Array<{ text: string; folded: string; words: Word[] }> = [];

function scanned(text: string): { folded: string; words: Word[] } {
  let scan = recentScans.find((s) => s.text === text);
  if (!scan) {
    const folded = fold(text, 'sameLength');
    const words = allMatches(folded, WORD_RUN).map((w): Word => ({ index: w.index, text: w[0], lower: w[0].toLowerCase(), ascii: isAscii(w[0]) }));
    scan = { text, folded, words };
    recentScans.unshift(scan);
    if (recentScans.length > 4) recentScans.pop();
  }
  return scan;
}

/**
 * The forms of a gazetteer as one alternation (longest first), tried only where a form can
 * start. One regex of thousands of forms, run over the whole text, tries them all at every
 * character; here each word of the text is looked up by the letters every form starting there
 * must begin with (and the next word by those of the form's second word), and only the forms
 * that may match are tried, in the same order, at that word. The matches are those of the whole
 * alternation run with the "g" flag.
 */
class FormMatcher {
  private readonly sources: string[];
  /** Indices of the forms by the letters and digits their first word starts with (lower case unless case-sensitive). */
  private readonly byStart = new Map<string, number[]>();
  private readonly longestStart: number;
  /** The whole alternation, for words outside ASCII (where case folding is Unicode's) and when a form may start on a non-letter. */
  private readonly whole: RegExp;
  private readonly byCandidates = new Map<string, RegExp>();
  /**
   * The letters and digits each form's second word starts with (lower case unless case-sensitive),
   * where its first word is letters and digits only: the text's next word must then start with
   * them. Null where the form has one word, or its second is "and" (also "&"), a gap or starts otherwise.
   */
  private readonly second: Array<string | null> = [];
  /** The forms that may start with a word of the text, and their alternation by the next word, as words recur. */
  private readonly byWord = new Map<string, { found: number[]; all: RegExp | null; byNext: Map<string, RegExp | null> } | null>();
  /** Whether every form starts with an ASCII letter or digit: only then can the words of the text be looked up. */
  private readonly indexed: boolean;

  constructor(
    forms: readonly string[],
    private readonly caseInsensitive: boolean,
  ) {
    const sorted = [...forms].sort((a, b) => b.length - a.length);
    this.sources = sorted.map(formPattern);
    this.whole = this.compile(this.sources, 'g');
    let indexed = true;
    let longest = 0;
    sorted.forEach((form, i) => {
      const formWords = fold(form, 'sameLength').trim().split(/\s+/);
      const first = formWords[0]!;
      const next = formWords[1];
      const nextStart = next === undefined || next === GAP || next === '&' || next.toLowerCase() === 'and' || !/^[A-Za-z0-9]+$/.test(first) ? undefined : ASCII_ALNUM_START.exec(next)?.[0];
      this.second.push(nextStart === undefined ? null : caseInsensitive ? nextStart.toLowerCase() : nextStart);
      const start = ASCII_ALNUM_START.exec(first)?.[0];
      // "and" stands for "&" too; a gap for any word: such a form cannot be looked up by its first letters.
      if (!start || first === GAP || first.toLowerCase() === 'and') {
        indexed = false;
        return;
      }
      const key = caseInsensitive ? start.toLowerCase() : start;
      const list = this.byStart.get(key) ?? [];
      list.push(i);
      this.byStart.set(key, list);
      longest = Math.max(longest, key.length);
    });
    this.indexed = indexed;
    this.longestStart = longest;
  }

  private compile(sources: readonly string[], flags: string): RegExp {
    return new RegExp(`(?<![\\p{L}\\p{N}])(?:${sources.join('|')})(?![\\p{L}\\p{N}])`, `${this.caseInsensitive ? 'i' : ''}u${flags}`);
  }

  /** The matches in `folded`, whose words (WORD_RUN) are `words`. */
  matches(folded: string, words: readonly Word[]): RegExpExecArray[] {
    if (!this.indexed) {
      this.whole.lastIndex = 0;
      return allMatches(folded, this.whole);
    }
    const out: RegExpExecArray[] = [];
    let from = 0;
    for (const [k, w] of words.entries()) {
      // A form starts on a letter or digit after none: only at the start of a word, after the last match.
      if (w.index < from) continue;
      const re = w.ascii ? this.candidatesFor(w.text, words[k + 1]) : this.stickyWhole();
      if (!re) continue;
      re.lastIndex = w.index;
      const m = re.exec(folded);
      if (!m) continue;
      from = m.index + m[0].length;
      out.push(m);
    }
    return out;
  }

  private sticky?: RegExp;

  private stickyWhole(): RegExp {
    return (this.sticky ??= this.compile(this.sources, 'y'));
  }

  /** The alternation of the forms that may start with `word` followed by `next`, in their order; null if none may. */
  private candidatesFor(word: string, next: Word | undefined): RegExp | null {
    const entry = this.entryOf(word);
    if (entry === null) return null;
    if (entry.all !== null) return entry.all;
    // Outside ASCII the next word is left to the regex (Unicode case folding).
    const nextKey = next === undefined ? '' : !next.ascii ? '\0' : this.caseInsensitive ? next.lower : next.text;
    let re = entry.byNext.get(nextKey);
    if (re === undefined) {
      const kept = entry.found.filter((i) => {
        const second = this.second[i]!;
        return second === null || nextKey === '\0' || nextKey.startsWith(second);
      });
      re = kept.length === 0 ? null : this.alternationOf(kept);
      if (entry.byNext.size > 1_000) entry.byNext.clear();
      entry.byNext.set(nextKey, re);
    }
    return re;
  }

  /** The forms whose first word's letters and digits begin `word`, in their order. */
  /** Whether a form may start at a word (`word`: the letters and digits there, possibly none). */
  mayStartWith(word: string): boolean {
    if (!this.indexed || !isAscii(word)) return true;
    return word !== '' && this.entryOf(word) !== null;
  }

  /** The forms that may start with `word` (null: none), kept by word as words recur. */
  private entryOf(word: string): { found: number[]; all: RegExp | null; byNext: Map<string, RegExp | null> } | null {
    let entry = this.byWord.get(word);
    if (entry === undefined) {
      const found = this.candidatesOf(word);
      // Where no candidate asks anything of its second word, the next word changes nothing.
      const all = found.length > 0 && found.every((i) => this.second[i] === null) ? this.alternationOf(found) : null;
      entry = found.length === 0 ? null : { found, all, byNext: new Map() };
      if (this.byWord.size > 50_000) this.byWord.clear();
      this.byWord.set(word, entry);
    }
    return entry;
  }

  private candidatesOf(word: string): number[] {
    const key = this.caseInsensitive ? word.toLowerCase() : word;
    const found: number[] = [];
    for (let n = 1; n <= Math.min(key.length, this.longestStart); n++) {
      const list = this.byStart.get(key.slice(0, n));
      if (list) found.push(...list);
    }
    return found.sort((a, b) => a - b);
  }

  private alternationOf(forms: readonly number[]): RegExp {
    const id = forms.join(',');
    let re = this.byCandidates.get(id);
    if (!re) {
      re = this.compile(forms.map((i) => this.sources[i]!), 'y');
      this.byCandidates.set(id, re);
    }
    return re;
  }
}
