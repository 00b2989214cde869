import type { Peel, PeelAreaName, Polarity } from '../knowledge/index.ts';
import { escape, isAscii } from '../util/text.ts';

/**
 * The cues of peel.yaml compiled for matching, indexed by their first word so
 * that a document is read in one pass however many cues there are.
 */
export interface CueEntry {
  cue: string;
  /** Sticky: tried only where a word equal to the cue's first word starts. */
  regex: RegExp;
  first: string;
  /**
   * The letters and digits the cue's second word starts with, when its first word is letters and
   * digits only: the word after the first (or after an "-ly" adverb) must start with them.
   */
  second?: string;
  /** The cue is one word of ASCII letters and digits: a text word equal to it (in lower case) is a match. */
  oneWord?: boolean;
}

export interface AreaCues {
  peel: Map<string, Array<CueEntry & { area: PeelAreaName; shared: boolean }>>;
  polarity: Map<string, Array<CueEntry & { polarity: Polarity }>>;
  process: Map<string, CueEntry[]>;
}

export function buildAreaCues(peel: Peel): AreaCues {
  return {
    peel: byFirstWord(peel.areas.flatMap((a) => a.cues.map((cue) => ({ ...cueEntry(cue), area: a.name, shared: sharedWithOtherArea(cue, a.name, peel.areas) })))),
    polarity: byFirstWord((['concern', 'improved'] as const).flatMap((polarity) => peel.polarity[polarity].map((cue) => ({ ...cueEntry(cue), polarity })))),
    process: byFirstWord(peel.process.map(cueEntry)),
  };
}

function byFirstWord<T extends CueEntry>(entries: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const e of entries) map.set(e.first, [...(map.get(e.first) ?? []), e]);
  return map;
}

/** Within a line: spaces or hyphens ("anti-social" = "anti social"), never a line break. */
const SEP = '[ \\t\\u00a0\\-\\u2010-\\u2015]+';

/**
 * A cue as a regex: hyphens and spaces fold (as peel.yaml promises), either
 * apostrophe, and one "-ly" adverb may sit between two words ("responding
 * appropriately to the public" is "responding to the public").
 */
function cueEntry(cue: string): CueEntry {
  const raw = cue.trim().split(/[\s\-\u2010-\u2015]+/);
  const words = raw.map((w) => escape(w).replace(/'/g, "['’]"));
  const regex = new RegExp(`${words.join(`(?:${SEP}\\p{L}+ly)?${SEP}`)}(?![\\p{L}\\p{N}])`, 'iuy');
  const alnum = (w: string) => w.toLowerCase().match(/^[\p{L}\p{N}]*/u)![0];
  const first = alnum(raw[0] ?? '');
  const second = raw.length > 1 && first === (raw[0] ?? '').toLowerCase() && isAscii(raw[1]!) ? alnum(raw[1]!) : '';
  const oneWord = raw.length === 1 && /^[A-Za-z0-9]+$/.test(raw[0]!);
  return { cue, regex, first, ...(second ? { second } : {}), ...(oneWord ? { oneWord } : {}) };
}

const foldCue = (cue: string) => ` ${cue.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;

/** The cue's words also end a cue of another area, as its head ("vulnerable people" in "identifying vulnerable people"). */
function sharedWithOtherArea(cue: string, area: PeelAreaName, areas: ReadonlyArray<{ name: PeelAreaName; cues: string[] }>): boolean {
  const own = foldCue(cue);
  return areas.some((a) => a.name !== area && a.cues.some((c) => foldCue(c).endsWith(own)));
}
