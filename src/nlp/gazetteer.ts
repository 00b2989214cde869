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
}

export interface GazetteerMatch {
  canonical: string;
  start: number;
  end: number;
  surface: string;
}

/** Same-length folding, so offsets into the folded text are offsets into the original. */
export function foldForMatching(text: string): string {
  return text.replace(/[\u2018\u2019\u02bc\u2032`]/g, "'").replace(/[\u201c\u201d\u2033]/g, '"').replace(/[\u00a0\u2007\u202f]/g, ' ').replace(/[\u2010-\u2015]/g, '-');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A form as a pattern: flexible white space, "and"/"&" interchangeable, optional possessive apostrophe. */
function formPattern(form: string): string {
  return foldForMatching(form)
    .trim()
    .split(/\s+/)
    .map((word) => (word === '&' || word.toLowerCase() === 'and' ? '(?:and|&)' : escape(word).replace(/'/g, "'?")))
    .join('\\s+');
}

export class Gazetteer {
  private readonly insensitive: RegExp | null;
  private readonly sensitive: RegExp | null;
  private readonly lookup = new Map<string, string>();
  private readonly lookupSensitive = new Map<string, string>();

  constructor(entries: readonly GazetteerEntry[]) {
    const insensitiveForms: string[] = [];
    const sensitiveForms: string[] = [];
    for (const e of entries) {
      for (const f of [e.canonical, ...e.forms]) {
        insensitiveForms.push(f);
        this.lookup.set(Gazetteer.key(f), e.canonical);
      }
      for (const f of e.caseSensitiveForms ?? []) {
        sensitiveForms.push(f);
        this.lookupSensitive.set(Gazetteer.keySensitive(f), e.canonical);
      }
    }
    this.insensitive = Gazetteer.build(insensitiveForms, 'gi');
    this.sensitive = Gazetteer.build(sensitiveForms, 'g');
  }

  private static build(forms: string[], flags: string): RegExp | null {
    if (forms.length === 0) return null;
    const unique = [...new Set(forms)].sort((a, b) => b.length - a.length);
    // Longest forms first: "Greater Manchester Police" wins over "Manchester".
    return new RegExp(`(?<![\\p{L}\\p{N}])(?:${unique.map(formPattern).join('|')})(?![\\p{L}\\p{N}])`, `${flags}u`);
  }

  static key(form: string): string {
    return Gazetteer.keySensitive(form).toLowerCase();
  }

  private static keySensitive(form: string): string {
    return foldForMatching(form).replace(/&/g, 'and').replace(/'/g, '').replace(/\s+/g, ' ').trim();
  }

  /** The canonical name of a written form, if it is one. */
  canonicalOf(form: string): string | undefined {
    return this.lookupSensitive.get(Gazetteer.keySensitive(form)) ?? this.lookup.get(Gazetteer.key(form));
  }

  find(text: string): GazetteerMatch[] {
    const folded = foldForMatching(text);
    const out: GazetteerMatch[] = [];
    for (const [re, sensitive] of [[this.insensitive, false], [this.sensitive, true]] as const) {
      if (!re) continue;
      re.lastIndex = 0;
      for (let m = re.exec(folded); m; m = re.exec(folded)) {
        const surface = text.slice(m.index, m.index + m[0].length);
        const canonical = sensitive ? this.lookupSensitive.get(Gazetteer.keySensitive(m[0])) : this.lookup.get(Gazetteer.key(m[0]));
        if (canonical) out.push({ canonical, start: m.index, end: m.index + m[0].length, surface });
      }
    }
    // Overlaps between the two passes: keep the longer.
    out.sort((a, b) => a.start - b.start || b.end - a.end);
    const kept: GazetteerMatch[] = [];
    for (const m of out) {
      const last = kept[kept.length - 1];
      if (last && m.start < last.end) continue;
      kept.push(m);
    }
    return kept;
  }
}
