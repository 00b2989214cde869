import type { Claim } from '../model/claim.ts';
import { SystemFacts, PEEL_AREAS, type SystemStageEvent } from './gold.ts';

const PRECISION_RANK: Record<string, number> = { day: 3, month: 2, year: 1 };

/**
 * A document's claims folded into one fact list per category, the shape the
 * gold annotations use (what the evaluation scores): each entity, event or decision once, however many
 * sentences state it. Pure.
 */
export function claimsToFacts(claims: readonly Claim[]): SystemFacts {
  const forces = new Set<string>();
  const organisations = new Set<string>();
  const people = new Map<string, Set<string>>();
  const events = new Map<string, { event: SystemStageEvent; rank: number; at: number }>();
  const decisions = new Map<string, SystemFacts['decisions'][number]>();
  const areas = new Map<string, SystemFacts['areas'][number]>();
  const quotes: SystemFacts['quotes'] = [];
  const dates = new Map<string, SystemFacts['dates'][number]>();

  for (const c of claims) {
    switch (c.kind) {
      case 'mention':
        if (c.subject?.type === 'Force') forces.add(c.subject.name);
        else if (c.subject?.type === 'Organisation') organisations.add(c.subject.name);
        else if (c.subject?.type === 'Person' && !people.has(c.subject.name)) people.set(c.subject.name, new Set());
        break;
      case 'role':
        if (c.subject) {
          const roles = people.get(c.subject.name) ?? new Set<string>();
          roles.add(c.value);
          people.set(c.subject.name, roles);
        }
        break;
      case 'stageEvent': {
        if (!c.subject) break;
        const stage = c.qualifiers.stage as 'Engage' | 'Scan';
        const change = c.qualifiers.change as 'entered' | 'exited';
        const key = `${c.subject.name}|${stage}|${change}`;
        const date = typeof c.qualifiers.date === 'string' ? c.qualifiers.date : null;
        const rank = date ? (PRECISION_RANK[String(c.qualifiers.datePrecision)] ?? 0) : 0;
        const prev = events.get(key);
        // The most precise date any sentence gives wins; the earliest sentence on a tie.
        if (!prev || rank > prev.rank) events.set(key, { event: { force: c.subject.name, stage, change, date }, rank, at: c.start });
        break;
      }
      case 'decision': {
        const force = c.links.find((l) => l.role === 'force')?.entity.name;
        const actor = c.links.find((l) => l.role === 'actor')?.entity.name;
        if (!force || !actor) break;
        const d = {
          actor,
          act: c.qualifiers.act as 'decided' | 'recommended' | 'announced',
          force,
          stage: c.qualifiers.stage as 'Engage' | 'Scan',
          change: c.qualifiers.change as 'entered' | 'exited',
        };
        decisions.set(`${d.actor}|${d.act}|${d.force}|${d.stage}|${d.change}`, d);
        // A body that decides or announces is a body the document refers to, even as "the inspectorate".
        const actorEntity = c.links.find((l) => l.role === 'actor')?.entity;
        if (actorEntity?.type === 'Organisation') organisations.add(actorEntity.name);
        break;
      }
      case 'area': {
        const peel = c.qualifiers.peel as (typeof PEEL_AREAS)[number];
        const polarity = c.qualifiers.polarity as 'concern' | 'improved';
        areas.set(`${c.value.toLowerCase()}|${peel}|${polarity}`, { text: c.value, peel, polarity });
        break;
      }
      case 'quote':
        if (c.subject) quotes.push({ speaker: c.subject.name, text: c.value });
        if (c.subject?.type === 'Organisation') organisations.add(c.subject.name);
        break;
      case 'date':
        if (!dates.has(c.value)) dates.set(c.value, { text: String(c.qualifiers.text ?? c.value), value: c.value });
        break;
    }
  }
  return SystemFacts.parse({
    forces: [...forces],
    organisations: [...organisations],
    people: [...people.entries()].map(([name, roles]) => ({ name, roles: [...roles] })),
    stageEvents: [...events.values()].sort((a, b) => a.at - b.at).map((e) => e.event),
    decisions: [...decisions.values()],
    areas: [...areas.values()],
    quotes,
    dates: [...dates.values()],
  });
}
