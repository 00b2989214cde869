import type { Force, Knowledge } from '../knowledge/index.ts';
import { Rng } from './prng.ts';
import { areaItem } from './areas.ts';

/**
 * The made-up state of affairs a generated corpus reports on: every force of
 * the knowledge files with its chief constables and commissioners over time,
 * the inspectors, and the force's periods in Engage. Built from the seed only,
 * so every document of a corpus (and of a larger corpus with the same seed)
 * tells a consistent story: the same people, the same dates.
 */
export interface Person {
  name: string;
  /** Said before the name at first mention ("Sir", "Dame"), or ''. */
  honorific: string;
  /** How a press text refers back to them: "Mr Webster". */
  short: string;
}

export interface Episode {
  /** YYYY-MM-DD. */
  entered: string;
  /** YYYY-MM-DD, or null while still in Engage. */
  exited: string | null;
  /** The areas behind the entry and the exit: facts of the world, so the sources agree on them. */
  concerns: string[];
  improvements: string[];
}

export interface ForceWorld {
  force: Force;
  /** Written forms of the force's name (canonical first). */
  names: string[];
  /** The area, for "the people of ...". */
  place: string;
  /** One per era of four years from 2014. */
  chiefConstables: Person[];
  commissioners: Person[];
  /** A senior officer who speaks for the force. */
  spokesOfficers: Array<{ rank: string; person: Person }>;
  inspector: Person;
  episodes: Episode[];
}

export interface World {
  seed: number;
  forces: ForceWorld[];
  chiefInspectors: Array<{ from: string; person: Person }>;
  /** Local voices: councillors, campaigners; a large pool so people grow with the corpus. */
  locals: Person[];
  knowledge: Knowledge;
}

const FIRST = [
  'Alan', 'Alison', 'Amanda', 'Andrew', 'Angela', 'Anthony', 'Barbara', 'Benjamin', 'Bethan', 'Carol', 'Catherine', 'Charlotte', 'Christopher', 'Claire',
  'Colin', 'Daniel', 'David', 'Deborah', 'Dylan', 'Eleanor', 'Emma', 'Fiona', 'Gareth', 'Gillian', 'Graham', 'Hannah', 'Helen', 'Ian', 'Imran', 'Jacqueline',
  'James', 'Janet', 'Jasbir', 'Jennifer', 'Jonathan', 'Joseph', 'Julie', 'Karen', 'Kevin', 'Laura', 'Lisa', 'Louise', 'Malcolm', 'Margaret', 'Martin',
  'Matthew', 'Michelle', 'Mohammed', 'Nadia', 'Neil', 'Nicola', 'Oliver', 'Patricia', 'Paul', 'Priya', 'Rachel', 'Rebecca', 'Richard', 'Robert', 'Ruth',
  'Samantha', 'Sarah', 'Shaun', 'Simon', 'Sophie', 'Stephen', 'Steven', 'Susan', 'Thomas', 'Timothy', 'Victoria', 'William', 'Yasmin', 'Zoe',
];
const LAST = [
  'Ahmed', 'Ainsworth', 'Atkinson', 'Bailey', 'Barker', 'Bennett', 'Bradshaw', 'Brennan', 'Carter', 'Chadwick', 'Chaudhry', 'Clarke', 'Collins', 'Cooper',
  'Dawson', 'Dixon', 'Edwards', 'Ellison', 'Fairbairn', 'Fletcher', 'Foster', 'Gallagher', 'Gibson', 'Griffiths', 'Hale', 'Hardcastle', 'Harrison', 'Hewitt',
  'Holloway', 'Hughes', 'Hussain', 'Jenkins', 'Kaur', 'Kennedy', 'Lambert', 'Lawson', 'Lloyd', 'Maddox', 'Marsh', 'McAllister', 'Mellor', 'Morgan', 'Nash',
  'Nolan', 'Okafor', 'Osborne', 'Palmer', 'Parry', 'Patel', 'Pemberton', 'Powell', 'Pritchard', 'Quinn', 'Rahman', 'Redfern', 'Rees', 'Richards', 'Rowe',
  'Shaw', 'Sheridan', 'Singh', 'Stanton', 'Sutcliffe', 'Thornton', 'Turner', 'Underwood', 'Vaughan', 'Walsh', 'Warburton', 'Whitfield', 'Wilkinson',
  'Winstanley', 'Yates',
];
const FEMALE = new Set([
  'Alison', 'Amanda', 'Angela', 'Barbara', 'Bethan', 'Carol', 'Catherine', 'Charlotte', 'Claire', 'Deborah', 'Eleanor', 'Emma', 'Fiona', 'Gillian', 'Hannah',
  'Helen', 'Jacqueline', 'Janet', 'Jennifer', 'Julie', 'Karen', 'Laura', 'Lisa', 'Louise', 'Margaret', 'Michelle', 'Nadia', 'Nicola', 'Patricia', 'Priya',
  'Rachel', 'Rebecca', 'Ruth', 'Samantha', 'Sarah', 'Sophie', 'Susan', 'Victoria', 'Yasmin', 'Zoe',
]);

export function makePerson(rng: Rng, honorificChance = 0): Person {
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  const female = FEMALE.has(first);
  const honorific = rng.chance(honorificChance) ? (female ? 'Dame' : 'Sir') : '';
  const short = `${female ? rng.pick(['Ms', 'Mrs']) : 'Mr'} ${last}`;
  return { name: `${first} ${last}`, honorific, short };
}

/** The force's written forms: canonical name and the aliases that are not former names. */
function forceNames(force: Force): string[] {
  const aliases = force.aliases.filter((a) => !a.former && a.text.length > 3 && !/^[A-Z]{2,5}$/.test(a.text)).map((a) => a.text);
  return [force.name, ...aliases];
}

function isoDay(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addDays(day: string, n: number): string {
  const t = Date.parse(`${day}T12:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The latest publication date a generated document gets: never in the future of any run. */
export const LAST_DAY = '2025-06-30';

export function buildWorld(knowledge: Knowledge, seed: number): World {
  const rng = new Rng(seed, 0x574f524c); // 'WORL'
  const ranks = knowledge.titles.filter((t) => t.rank && !/Commissioner/.test(t.title) && !/^(Police Constable|Detective Constable|Sergeant)$/.test(t.title)).map((t) => t.title);
  const forces = knowledge.forces
    .filter((f) => f.kind !== 'national')
    .map((force, i): ForceWorld => {
      const r = new Rng(seed, 0x464f5243, i); // 'FORC'
      const episodes: Episode[] = [];
      const n = r.chance(0.55) ? (r.chance(0.25) ? 2 : 1) : 0;
      let from = 2015;
      for (let k = 0; k < n && from < 2025; k++) {
        const y = r.int(from, Math.min(2024, from + 5));
        const entered = isoDay(y, r.int(1, 12), r.int(1, 28));
        const exited = addDays(entered, r.int(270, 900));
        const concerns = Array.from({ length: r.int(2, 5) }, () => areaItem(r, { knowledge }, 'concern'));
        const improvements = Array.from({ length: r.int(2, 5) }, () => areaItem(r, { knowledge }, 'improved'));
        episodes.push({ entered, exited: exited > LAST_DAY ? null : exited, concerns, improvements });
        from = Number((exited > LAST_DAY ? LAST_DAY : exited).slice(0, 4)) + 1;
        if (exited > LAST_DAY) break;
      }
      return {
        force,
        names: forceNames(force),
        place: force.placeNames[0] ?? force.name.replace(/\s+(Police|Constabulary|Police Service)$/, ''),
        chiefConstables: [0, 1, 2, 3].map(() => makePerson(r, 0.1)),
        commissioners: [0, 1, 2, 3].map(() => makePerson(r)),
        spokesOfficers: [0, 1, 2].map(() => ({ rank: r.pick(ranks), person: makePerson(r) })),
        inspector: makePerson(r, 0.2),
        episodes,
      };
    });
  const locals: Person[] = [];
  for (let i = 0; i < 2000; i++) locals.push(makePerson(rng));
  return {
    seed,
    forces,
    chiefInspectors: [
      { from: '2014-01-01', person: { name: 'Graham Ashdown', honorific: 'Sir', short: 'Sir Graham' } },
      { from: '2022-04-01', person: { name: 'Helen Marwood', honorific: 'Dame', short: 'Dame Helen' } },
    ],
    locals,
    knowledge,
  };
}

/** Who held a post on a day: posts change every four years from 2014. */
export function era<T>(holders: readonly T[], day: string): T {
  const i = Math.max(0, Math.min(holders.length - 1, Math.floor((Number(day.slice(0, 4)) - 2014) / 4)));
  return holders[i]!;
}

export function chiefInspectorOn(world: World, day: string): Person {
  let who = world.chiefInspectors[0]!.person;
  for (const c of world.chiefInspectors) if (c.from <= day) who = c.person;
  return who;
}
