// Which side an actor is on: the organisation it is, or the organisation a
// person acts for according to the roles the texts give them ("His Majesty's
// Chief Inspector of Constabulary" acts for HMICFRS; "Met Commissioner" for the
// Metropolitan Police Service). The inspectorate and its chief inspector are
// one side; two sides differ only when both are known organisations. Pure
// (the knowledge is passed in).
import type { Claim, EntityRef } from '../model/claim.ts';
import { cmp } from './collections.ts';
import type { IndexedTerm, Knowledge } from '../knowledge/index.ts';
import { fold } from '../util/text.ts';

export interface ActorSide {
  /** Normalised organisation name: equal keys are the same side. */
  key: string;
  name: string;
}

/** The organisation (or force) a role title names or implies; null when it implies none or several. */
export function roleOrganisation(role: string, knowledge: Knowledge): string | null {
  const text = ` ${matchable(role, false)} `;
  const cased = ` ${matchable(role, true)} `;
  const hit = (t: IndexedTerm<unknown>) => (t.caseSensitive ? cased.includes(` ${matchable(t.text, true)} `) : text.includes(` ${matchable(t.text, false)} `));
  // A body named in the title wins ("London Councils Executive Member"); else the title's own org.
  const named = [
    ...knowledge.index.organisationTerms.filter(hit).map((t) => ({ len: t.key.length, name: topOrganisation(t.target.name, knowledge) })),
    ...knowledge.index.forceTerms.filter(hit).map((t) => ({ len: t.key.length, name: t.target.name })),
  ].sort((a, b) => b.len - a.len || cmp(a.name, b.name));
  if (named.length > 0) return named[0]!.name;
  const title = knowledge.index.titleTerms.find((t) => hit(t));
  return title?.target.org ? topOrganisation(title.target.org, knowledge) : null;
}

/** Follows partOf to the outermost organisation ("Police Performance Oversight Group" acts for HMICFRS). */
export function topOrganisation(name: string, knowledge: Knowledge): string {
  let current = name;
  const seen = new Set<string>();
  for (;;) {
    seen.add(current);
    const org = knowledge.organisations.find((o) => fold(o.name, 'key') === fold(current, 'key'));
    if (!org?.partOf || seen.has(org.partOf)) return current;
    current = org.partOf;
  }
}

function matchable(s: string, keepCase: boolean): string {
  return fold(s, keepCase ? 'casedKey' : 'key')
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The roles the texts give each person (role claims), by entity key. */
export function rolesOfPeople(claims: readonly Claim[]): Map<string, Set<string>> {
  const rolesOf = new Map<string, Set<string>>();
  for (const c of claims) {
    if (c.kind !== 'role' || !c.subject) continue;
    const set = rolesOf.get(c.subject.key) ?? new Set<string>();
    set.add(c.value);
    rolesOf.set(c.subject.key, set);
  }
  return rolesOf;
}

/** The side of the organisation of this name. */
export const sideNamed = (name: string): ActorSide => ({ key: fold(name, 'key'), name });

/** The side a person acts for: the one organisation all their roles name or imply; null when none or several. */
export function personSide(roles: Iterable<string>, knowledge: Knowledge, roleOrg: (role: string) => string | null = (r) => roleOrganisation(r, knowledge)): ActorSide | null {
  const orgs = new Set<string>();
  for (const role of roles) {
    const org = roleOrg(role);
    if (org) orgs.add(org);
  }
  return orgs.size === 1 ? sideNamed([...orgs][0]!) : null;
}

/** The side of an organisation or force: itself (an organisation's outermost parent). */
export function bodySide(actor: EntityRef, knowledge: Knowledge): ActorSide {
  return sideNamed(actor.type === 'Organisation' ? topOrganisation(actor.name, knowledge) : actor.name);
}

/** Role titles to their organisations, each title looked up once. */
export function roleOrganisations(knowledge: Knowledge): (role: string) => string | null {
  const orgOfRole = new Map<string, string | null>();
  return (role) => {
    if (!orgOfRole.has(role)) orgOfRole.set(role, roleOrganisation(role, knowledge));
    return orgOfRole.get(role)!;
  };
}

/**
 * A resolver of actor sides over a corpus: organisations are their own side
 * (their outermost parent), a person is the side all their roles agree on.
 */
export function actorSideResolver(claims: readonly Claim[], knowledge: Knowledge): (actor: EntityRef) => ActorSide | null {
  const rolesOf = rolesOfPeople(claims);
  const roleOrg = roleOrganisations(knowledge);
  return (actor) => (actor.type !== 'Person' ? bodySide(actor, knowledge) : personSide(rolesOf.get(actor.key) ?? [], knowledge, roleOrg));
}
