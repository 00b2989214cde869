import type { Rng } from './prng.ts';
import { areaItem } from './areas.ts';
import { addDays, chiefInspectorOn, era, LAST_DAY, type Episode, type ForceWorld, type Person, type World } from './world.ts';

/**
 * Inspectorate- and press-style documents in the shape of tests/fixtures/dev:
 * YAML front matter, then one paragraph per line block. Each template tells
 * one event of the world (a force entering or leaving Engage, an inspection)
 * in its own voice, with quotations, titles, honorifics, dates in several
 * forms and lists of PEEL areas, so every extractor has work to do.
 */
export interface GeneratedDocument {
  /** Path inside the corpus folder. */
  path: string;
  text: string;
}

export interface DocumentPlan {
  rng: Rng;
  world: World;
  index: number;
  fw: ForceWorld;
}

interface Front {
  title: string;
  publisher: string;
  kind: 'inspectorate' | 'press' | 'police' | 'government' | 'other';
  publishedAt: string;
  licence: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function longDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${d} ${MONTHS[m! - 1]} ${y}`;
}
function monthYear(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return `${MONTHS[m! - 1]} ${y}`;
}
function weekday(day: string): string {
  return WEEKDAYS[new Date(`${day}T12:00:00Z`).getUTCDay()]!;
}

/** A date as a text would write it, relative to the publication day when close. */
function dateIn(rng: Rng, day: string, published: string): string {
  const gap = (Date.parse(published) - Date.parse(day)) / 86_400_000;
  if (gap === 0 && rng.chance(0.4)) return 'today';
  if (gap > 0 && gap < 6 && rng.chance(0.6)) return `on ${weekday(day)}`;
  return rng.chance(0.8) ? `on ${longDate(day)}` : `in ${monthYear(day)}`;
}

function full(p: Person): string {
  return p.honorific ? `${p.honorific} ${p.name}` : p.name;
}

function forceName(rng: Rng, fw: ForceWorld): string {
  return rng.chance(0.75) ? fw.force.name : rng.pick(fw.names);
}

function stageSynonym(rng: Rng, world: World, stage: 'Engage' | 'Scan'): string {
  const all = world.knowledge.stages.stages.find((s) => s.name === stage)!.synonyms.map((t) => t.text);
  // The plain names read best in the inspectorate's own texts; the press says "special measures".
  const usual = stage === 'Engage' ? ['Engage', 'enhanced monitoring', 'an enhanced level of monitoring', 'special measures'] : ['Scan', 'routine monitoring'];
  return rng.chance(0.7) ? rng.pick(usual) : rng.pick(all);
}

/** A list of areas as release paragraphs: "...;", "...; and", "...". */
function asList(items: readonly string[]): string[] {
  const n = items.length;
  return items.map((item, i) => `${item}${i === n - 1 ? '.' : i === n - 2 ? '; and' : ';'}`);
}

/** Areas of a document with no event: an inspection's own findings. */
function areaList(rng: Rng, world: World, polarity: 'improved' | 'concern'): string[] {
  return asList(Array.from({ length: rng.int(2, 5) }, () => areaItem(rng, world, polarity)));
}

/** The areas behind an event, as the world has them: every source that lists them lists the same ones. */
function eventAreas(ep: Episode, polarity: 'improved' | 'concern'): string[] {
  return asList(polarity === 'concern' ? ep.concerns : ep.improvements);
}

const PAPERS = ['Echo', 'Gazette', 'Evening Post', 'Herald', 'Chronicle', 'Advertiser', 'Star', 'Courier'];

function front(f: Front, url: string): string {
  const q = (s: string) => JSON.stringify(s);
  return `---\ntitle: ${q(f.title)}\nurl: ${q(url)}\npublisher: ${q(f.publisher)}\nkind: ${f.kind}\npublishedAt: ${f.publishedAt}\nlicence: ${q(f.licence)}\n---\n`;
}

const BOILERPLATE = [
  'His Majesty’s Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) continuously monitors the performance of all police forces in England and Wales.',
  'The monitoring process consists of two stages: Scan and Engage. All police forces are in routine monitoring under the Scan stage by default, but may be escalated to enhanced monitoring under the Engage stage if they are not effectively addressing the inspectorate’s concerns.',
];

/** Context paragraphs press and releases close with: they make the texts as long as real ones. */
function background(rng: Rng, world: World, fw: ForceWorld, day: string): string[] {
  const people = rng.int(4, 30) * 100_000;
  const pool = [
    `${fw.force.name} serves around ${people.toLocaleString('en-GB')} people across ${fw.place} and employs some ${rng.int(8, 60) * 100} officers and staff.`,
    `The force was last inspected ${dateIn(rng, addDays(day, -rng.int(100, 700)), day)}, as part of the inspectorate’s rolling programme of PEEL inspections.`,
    `HMICFRS independently assesses the effectiveness and efficiency of police forces and fire and rescue services, in the public interest. Its PEEL inspections grade each force from outstanding to inadequate.`,
    `Under the monitoring framework, a force in Engage works with a Policing Performance Oversight Group, which brings together the inspectorate, the Home Office, the College of Policing and the National Police Chiefs’ Council.`,
    `Residents can find out more about how the force is performing, and how to contact their neighbourhood team, on the force’s website.`,
    `The Police and Crime Commissioner sets the force’s budget and priorities and holds the Chief Constable to account for the service the force provides.`,
  ];
  return rng.sample(pool, rng.int(3, 5));
}

type Template = (p: DocumentPlan, ep: Episode | null) => { front: Front; body: string[] } | null;

const inspectorateExit: Template = ({ rng, world, fw }, ep) => {
  if (!ep?.exited) return null;
  const day = ep.exited;
  const name = fw.force.name;
  const ci = chiefInspectorOn(world, day);
  const body = [
    `${name} has made improvements and has therefore been removed from ${stageSynonym(rng, world, 'Engage')} by the police inspectorate.`,
    ...BOILERPLATE,
    `${name} was moved into Engage on ${longDate(ep.entered)}.`,
    `His Majesty’s Chief Inspector of Constabulary and Fire & Rescue Services, ${full(ci)} has decided to remove ${name} from Engage because it has made improvements, including:`,
    ...eventAreas(ep, 'improved'),
    `His Majesty’s Inspector of Constabulary ${full(fw.inspector)} said:`,
    `“I am pleased with the good progress that ${name} has made so far. Whilst there is still work to do, I have recommended removing the force from our enhanced level of monitoring, known as Engage, and return it to routine monitoring. “I am reassured by the plans that Chief Constable ${era(fw.chiefConstables, day).name} has put in place. We will continue to monitor the progress of ${name} to make sure the people of ${fw.place} are getting the service they deserve.”`,
  ];
  return { front: { title: `${name} removed from enhanced monitoring`, publisher: 'HMICFRS', kind: 'inspectorate', publishedAt: day, licence: 'OGL-3.0' }, body };
};

const inspectorateEnter: Template = ({ rng, world, fw }, ep) => {
  if (!ep) return null;
  const day = ep.entered;
  const name = fw.force.name;
  const ci = chiefInspectorOn(world, day);
  const cc = era(fw.chiefConstables, day);
  const body = [
    `${name} has been moved into ${stageSynonym(rng, world, 'Engage')} by HMICFRS after the inspectorate raised concerns about its performance.`,
    ...BOILERPLATE,
    `His Majesty’s Inspector of Constabulary ${full(fw.inspector)} recommended that the force should be escalated to Engage, and ${full(ci)} decided ${dateIn(rng, day, day)} to place ${name} into Engage.`,
    'The inspectorate’s concerns include:',
    ...eventAreas(ep, 'concern'),
    `${fw.inspector.short} said: “We move police forces into our enhanced level of monitoring, known as Engage, when a force is not responding to our concerns. I have written to Chief Constable ${cc.name} to set out what the force needs to improve.`,
    `“${name} has been asked to produce an improvement plan and will meet regularly with our inspectors. We will work closely with the force to monitor its progress.”`,
  ];
  return { front: { title: `${name} moved into enhanced monitoring`, publisher: 'HMICFRS', kind: 'inspectorate', publishedAt: day, licence: 'OGL-3.0' }, body };
};

const pressChange: Template = ({ rng, world, fw }, ep) => {
  if (!ep) return null;
  const exit = ep.exited !== null && rng.chance(0.5);
  const event = exit ? ep.exited! : ep.entered;
  const day = addDays(event, rng.int(0, 3));
  if (day > LAST_DAY) return null;
  const name = forceName(rng, fw);
  const cc = era(fw.chiefConstables, day);
  const pcc = era(fw.commissioners, day);
  const local = rng.pick(world.locals);
  const paper = `${fw.place} ${rng.pick(PAPERS)}`;
  const syn = stageSynonym(rng, world, 'Engage');
  // Now and then a paper gets an area wrong: the reconciler has real disagreements to find.
  const disagrees = rng.chance(0.03);
  const body = exit
    ? [
        `${name} has been taken out of ${syn}, the police watchdog has announced.`,
        `The force had been under enhanced monitoring since ${monthYear(ep.entered)}, when inspectors raised concerns about ${ep.concerns[0]}.`,
        `His Majesty’s Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) said ${dateIn(rng, event, day)} that the force had been removed from the Engage process after making improvements in ${ep.improvements[0]}.`,
        `Chief Constable ${cc.name} said: “I am very pleased to confirm that ${fw.force.name} is no longer in special measures. This is down to the hard work of our officers and staff, and we will keep improving.`,
        `“There is still more to do, and I will continue to work with the Police and Crime Commissioner to make sure the people of ${fw.place} get the service they deserve.”`,
        `${fw.place} Police and Crime Commissioner ${pcc.name} said: “I welcome the inspectorate’s decision. It recognises the progress the force has made.”`,
        `Councillor ${local.name} said the news was “a credit to everyone who has worked so hard”, but warned that ${disagrees ? areaItem(rng, world, 'concern') : ep.concerns[ep.concerns.length - 1]} still needed attention.`,
      ]
    : [
        `${name} has been put into ${syn} and told to “urgently produce an improvement plan” by a watchdog.`,
        `His Majesty’s Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) announced the move ${dateIn(rng, event, day)}, after inspectors found problems with ${ep.concerns[0]}.`,
        `Inspector of Constabulary ${fw.inspector.name} said: “We move police forces into our enhanced level of monitoring, known as Engage, when a force is not responding to our concerns.`,
        `“${fw.force.name} has been asked to produce an improvement plan and will meet regularly with our inspectors.”`,
        `${fw.place} Police and Crime Commissioner ${pcc.name} said: “I am obviously disappointed that ${fw.force.name} is being placed under enhanced monitoring. However, I welcome the opportunity this process will provide the force to focus on the areas of concern.`,
        `“As Police and Crime Commissioner, it is my duty to hold the force to account on behalf of the public.”`,
        `In a statement, Chief Constable ${cc.name} said the force accepted the findings and had already begun work on ${disagrees ? areaItem(rng, world, 'concern') : ep.concerns[ep.concerns.length - 1]}.`,
      ];
  const title = exit ? `${fw.force.name} comes out of special measures` : `${fw.force.name} put into special measures`;
  return { front: { title, publisher: paper, kind: 'press', publishedAt: day, licence: `excerpt, (c) ${paper}` }, body };
};

const forceStatement: Template = ({ rng, world, fw }, ep) => {
  if (!ep) return null;
  const exit = ep.exited !== null && rng.chance(0.6);
  const event = exit ? ep.exited! : ep.entered;
  const day = addDays(event, rng.int(0, 1));
  if (day > LAST_DAY) return null;
  const cc = era(fw.chiefConstables, day);
  const officer = rng.pick(fw.spokesOfficers);
  const ci = chiefInspectorOn(world, event);
  const body = [
    exit
      ? `We are pleased to confirm that ${fw.force.name} has been removed from ${stageSynonym(rng, world, 'Engage')} and returned to ${stageSynonym(rng, world, 'Scan')}.`
      : `${fw.force.name} has been informed by HMICFRS that the force will enter ${stageSynonym(rng, world, 'Engage')}.`,
    exit
      ? `The decision was made by His Majesty’s Chief Inspector of Constabulary, ${full(ci)}, ${dateIn(rng, event, day)}, following a recommendation from ${fw.inspector.name}.`
      : `The force was placed into Engage ${dateIn(rng, event, day)} following an inspection that raised concerns about ${ep.concerns[0]}.`,
    `Chief Constable ${full(cc)} said: “${exit ? 'This is recognition of the hard work of every officer and member of staff.' : 'We accept the findings of the inspectorate in full and we are determined to put things right.'} Our communities deserve the very best service we can give them.`,
    `“Since joining ${fw.force.name} in ${monthYear(addDays(event, -rng.int(200, 900)))}, I have been committed to ${exit ? 'steering a clear pathway out of HMICFRS oversight' : 'improving the service we give to victims'}.”`,
    `${officer.rank} ${officer.person.name}, who leads the improvement programme, said the force had focused on:`,
    ...eventAreas(ep, exit ? 'improved' : 'concern'),
    `${officer.person.short} added: “We will keep listening to the people of ${fw.place} and we will keep improving.”`,
  ];
  const title = exit ? `${fw.force.name} statement on leaving enhanced monitoring` : `${fw.force.name} statement on enhanced monitoring`;
  return { front: { title, publisher: fw.force.name, kind: 'police', publishedAt: day, licence: `excerpt, (c) ${fw.force.name}` }, body };
};

const commissionerStatement: Template = ({ rng, world, fw }, ep) => {
  if (!ep) return null;
  const exit = ep.exited !== null && rng.chance(0.5);
  const event = exit ? ep.exited! : ep.entered;
  const day = addDays(event, rng.int(0, 2));
  if (day > LAST_DAY) return null;
  const pcc = era(fw.commissioners, day);
  const cc = era(fw.chiefConstables, day);
  const body = [
    `The ${fw.place} Police and Crime Commissioner, ${pcc.name}, said: “${exit ? `I welcome His Majesty’s Inspectorate confirming that significant improvements have been made by ${forceName(rng, fw)}.` : `I am disappointed that ${forceName(rng, fw)} has been placed in ${stageSynonym(rng, world, 'Engage')}, but I am confident the force will respond.`}`,
    `“This is down to the hard work of Chief Constable ${cc.name}, officers and staff, who are rebuilding public confidence and trust in the force. ${rng.pick(['Emergency calls are now being answered faster.', 'Victims are being kept better informed.', 'Neighbourhood policing is being revitalised.'])}`,
    `“There is still more to do, and as Commissioner I will continue to hold the Chief Constable to account on behalf of the public.”`,
    'Notes to editors',
    `The Commissioner ${exit ? 'has supported the force to exit Engage as quickly as possible' : 'will receive regular updates on the improvement plan'}. The force ${exit ? 'was moved into Engage' : 'entered Engage'} in ${monthYear(ep.entered)}.`,
    'Areas the Commissioner has asked the force to focus on:',
    ...eventAreas(ep, exit ? 'improved' : 'concern'),
  ];
  const publisher = `Office of the ${fw.place} Police and Crime Commissioner`;
  return { front: { title: `Commissioner statement on ${fw.force.name}`, publisher, kind: 'government', publishedAt: day, licence: `excerpt, (c) ${publisher}` }, body };
};

const letter: Template = ({ rng, world, fw }, ep) => {
  if (!ep) return null;
  const day = ep.entered;
  const cc = era(fw.chiefConstables, day);
  const pcc = era(fw.commissioners, day);
  const ci = chiefInspectorOn(world, day);
  const body = [
    `Dear Chief Constable ${cc.name},`,
    `I am writing to inform you that, following the recent inspection of ${fw.force.name}, ${full(ci)} has decided to move the force into Engage, our enhanced level of monitoring. This decision was made ${dateIn(rng, day, day)} and takes effect immediately.`,
    'The inspection found causes of concern in the following areas:',
    ...eventAreas(ep, 'concern'),
    `I would be grateful if you could provide an improvement plan within eight weeks. My team will meet you and Police and Crime Commissioner ${pcc.name} to agree how we will monitor progress.`,
    'I am copying this letter to the Home Office and to the College of Policing.',
    'Yours sincerely,',
    `${full(fw.inspector)}`,
    'His Majesty’s Inspector of Constabulary',
  ];
  return { front: { title: `Letter to the Chief Constable of ${fw.force.name}`, publisher: 'HMICFRS', kind: 'inspectorate', publishedAt: day, licence: 'OGL-3.0' }, body };
};

const peelReport: Template = ({ rng, world, fw }) => {
  const y = rng.int(2016, 2024);
  const day = `${y}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  const grades = world.knowledge.peel.grades.map((g) => g.grade);
  const areas = world.knowledge.peel.areas.filter((a) => a.name !== 'Other');
  const graded = rng.sample(areas, rng.int(3, 6)).map((a) => `${rng.pick(grades)} at ${a.name.toLowerCase()}`);
  const body = [
    `This is the PEEL (police effectiveness, efficiency and legitimacy) inspection report for ${fw.force.name}, published ${dateIn(rng, day, day)}.`,
    `His Majesty’s Inspector of Constabulary ${full(fw.inspector)} said: “I have concerns about some aspects of the performance of ${fw.force.name}. The force needs to improve ${areaItem(rng, world, 'concern')}.`,
    `“However, I am pleased that the force has made progress in ${areaItem(rng, world, 'improved')}.”`,
    `We graded the force as ${graded.join(', ')}.`,
    'Our main findings',
    ...areaList(rng, world, rng.chance(0.5) ? 'concern' : 'improved'),
    `The force remains in ${stageSynonym(rng, world, rng.chance(0.7) ? 'Scan' : 'Engage')}. We will continue to monitor its progress.`,
    `Chief Constable ${era(fw.chiefConstables, day).name} has been informed of our findings.`,
  ];
  return { front: { title: `PEEL inspection ${y}: ${fw.force.name}`, publisher: 'HMICFRS', kind: 'inspectorate', publishedAt: day, licence: 'OGL-3.0' }, body };
};

const parliament: Template = ({ rng, world, fw }, ep) => {
  if (!ep) return null;
  const day = addDays(ep.entered, rng.int(20, 120));
  if (day > LAST_DAY) return null;
  const mp = rng.pick(world.locals);
  const minister = rng.pick(world.locals.slice(0, 40));
  const body = [
    `${mp.name} (${fw.place}) asked the Secretary of State for the Home Department what steps she is taking to support ${fw.force.name} following its move into ${stageSynonym(rng, world, 'Engage')}.`,
    `The Policing Minister, ${minister.name}, said: “${fw.force.name} was placed in Engage by His Majesty’s Inspectorate of Constabulary and Fire & Rescue Services in ${monthYear(ep.entered)}. The Home Office is working with the force and the inspectorate to make sure the improvements needed are made.`,
    `“The inspectorate raised concerns about ${ep.concerns[0]}. I have met the Chief Constable and the Police and Crime Commissioner, and I will continue to follow the force’s progress closely.”`,
    `${mp.short} said it was “deeply worrying” for residents, who deserved better than ${ep.concerns[ep.concerns.length - 1]}.`,
  ];
  return { front: { title: `${fw.force.name}: Engage (written question)`, publisher: 'Hansard', kind: 'other', publishedAt: day, licence: 'Open Parliament Licence' }, body };
};

const pressRemains: Template = ({ rng, world, fw }, ep) => {
  const inEngage = ep !== null && ep.exited === null;
  const day = inEngage ? addDays(ep.entered, rng.int(30, 300)) : `${rng.int(2016, 2024)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  if (day > LAST_DAY) return null;
  const paper = `${fw.place} ${rng.pick(PAPERS)}`;
  const cc = era(fw.chiefConstables, day);
  const local = rng.pick(world.locals);
  const body = [
    inEngage
      ? `${forceName(rng, fw)} remains in ${stageSynonym(rng, world, 'Engage')}, months after the police watchdog raised concerns about ${ep.concerns[0]}.`
      : `${forceName(rng, fw)} remains under ${stageSynonym(rng, world, 'Scan')} after its latest inspection, the police watchdog has said.`,
    `Chief Constable ${cc.name} told a meeting of the police and crime panel ${dateIn(rng, addDays(day, -rng.int(0, 5)), day)} that the force was making progress on ${areaItem(rng, world, 'improved')}.`,
    `“We know there is more to do,” ${cc.short} said. “But the direction of travel is clear, and our officers are working incredibly hard.”`,
    `Campaigner ${local.name} said many residents still had concerns about ${areaItem(rng, world, 'concern')}.`,
    `A spokesperson for HMICFRS said the inspectorate would continue to monitor the force and would publish its next report later this year.`,
  ];
  return { front: { title: `${fw.force.name} ${inEngage ? 'still in special measures' : 'inspection latest'}`, publisher: paper, kind: 'press', publishedAt: day, licence: `excerpt, (c) ${paper}` }, body };
};

const TEMPLATES: Array<{ name: string; weight: number; make: Template }> = [
  { name: 'hmicfrs-exit', weight: 3, make: inspectorateExit },
  { name: 'hmicfrs-engage', weight: 3, make: inspectorateEnter },
  { name: 'press', weight: 6, make: pressChange },
  { name: 'force', weight: 3, make: forceStatement },
  { name: 'pcc', weight: 2, make: commissionerStatement },
  { name: 'letter', weight: 1, make: letter },
  { name: 'peel', weight: 2, make: peelReport },
  { name: 'hansard', weight: 1, make: parliament },
  { name: 'remains', weight: 2, make: pressRemains },
];
const TOTAL_WEIGHT = TEMPLATES.reduce((n, t) => n + t.weight, 0);

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Document `index` of the corpus: its own random stream, so it does not depend on the corpus size. */
export function makeDocument(plan: DocumentPlan): GeneratedDocument {
  const { rng, fw, index } = plan;
  for (let attempt = 0; ; attempt++) {
    let roll = rng.next() * TOTAL_WEIGHT;
    const template = TEMPLATES.find((t) => (roll -= t.weight) < 0) ?? TEMPLATES[0]!;
    const ep = fw.episodes.length ? rng.pick(fw.episodes) : null;
    // Forces never in Engage (and a template that needs an event) fall back to an inspection report.
    let made = template.make(plan, ep);
    let name = template.name;
    if (!made && attempt > 3) [made, name] = [peelReport(plan, null), 'peel'];
    if (!made) continue;
    if (name !== 'letter') made.body.push(...background(rng, plan.world, fw, made.front.publishedAt));
    const url = `https://bench.oversight.example/${name}/${index}`;
    const text = `${front(made.front, url)}${made.body.join('\n\n')}\n`;
    const folder = String(Math.floor(index / 1000)).padStart(3, '0');
    return { path: `${folder}/${String(index).padStart(6, '0')}-${slug(fw.force.name)}-${name}.txt`, text };
  }
}
