// Entity resolution across documents. Claims already carry canonical names and
// keys within their document (gazetteers for forces and organisations; people
// without honorifics, a lone "Rowley" tied to "Mark Rowley" when the same text
// names him in full). What is left is across documents: a person only ever
// named by surname in one text, or with and without a middle name in two. Such
// a name is resolved to a fuller name of another document when exactly one
// candidate fits; otherwise it stays as it is (two people are worse than one
// unresolved name). Every surface form is kept with the claim it came from.
// Pure.
import type { Claim, EntityRef } from '../model/claim.ts';
import { cmp, pushTo } from './collections.ts';
import type { SurfaceForm } from './types.ts';

export interface EntityResolution {
  /** Every entity key seen, to its canonical entity (itself when nothing fuller was found). */
  canonical: Map<string, EntityRef>;
  /** Surface forms by canonical key (mention claims' values), sorted. */
  surfaceForms: Map<string, SurfaceForm[]>;
}

const tokens = (name: string): string[] =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** b's tokens contain a's in order (a = "mark rowley", b = "mark peter rowley"). */
function subsequence(a: readonly string[], b: readonly string[]): boolean {
  let i = 0;
  for (const t of b) if (i < a.length && t === a[i]) i++;
  return i === a.length;
}

function entitiesOf(c: Claim): EntityRef[] {
  return [...(c.subject ? [c.subject] : []), ...c.links.map((l) => l.entity)];
}

/** The word a person is looked up by: the last of their name. People of different surnames never resolve to each other. */
export function surnameOf(name: string): string {
  const t = tokens(name);
  return t[t.length - 1] ?? '';
}

/** A person as entity resolution sees them: their name and the forces the texts naming them name. */
export interface PersonSeen {
  ref: EntityRef;
  forces: ReadonlySet<string>;
}

/**
 * Each person with a fuller name of another person it resolves to, for people
 * of one or more surnames (a part of the people is resolved as in the whole,
 * as long as it holds every person of its surnames).
 */
export function fullerPeople(seen: readonly PersonSeen[]): Map<string, EntityRef> {
  const people = [...seen].sort((a, b) => cmp(a.ref.key, b.ref.key));
  const forcesOf = new Map(people.map((p) => [p.ref.key, p.forces]));
  // Candidates are looked up by surname: no comparison of every person with every other.
  const tokensOf = new Map(people.map((p) => [p.ref.key, tokens(p.ref.name)]));
  const bySurname = new Map<string, EntityRef[]>();
  for (const { ref: p } of people) {
    const t = tokensOf.get(p.key)!;
    if (t.length < 2) continue;
    const last = t[t.length - 1]!;
    pushTo(bySurname, last, p);
  }

  const fuller = new Map<string, EntityRef>();
  for (const { ref: p } of people) {
    const t = tokensOf.get(p.key)!;
    if (t.length === 0) continue;
    let candidates = (bySurname.get(t[t.length - 1]!) ?? []).filter((q) => {
      const u = tokensOf.get(q.key)!;
      if (q.key === p.key || u.length <= t.length) return false;
      return t.length === 1 || (u[0] === t[0] && subsequence(t, u));
    });
    // A lone surname is only tied to someone named in texts about the same force(s), when the text names any force.
    if (t.length === 1) {
      const mine = forcesOf.get(p.key)!;
      if (mine.size > 0) candidates = candidates.filter((q) => [...forcesOf.get(q.key)!].some((f) => mine.has(f)));
    }
    if (candidates.length === 0) continue;
    // The fullest form wins; among equally full ones there must be exactly one, else p stays as it is.
    const longest = Math.max(...candidates.map((q) => tokensOf.get(q.key)!.length));
    const best = candidates.filter((q) => tokensOf.get(q.key)!.length === longest);
    if (best.length === 1) fuller.set(p.key, best[0]!);
  }
  return fuller;
}

/** The canonical entity of `ref`: its fuller name's, followed to the end. */
export function canonicalOf(ref: EntityRef, fuller: ReadonlyMap<string, EntityRef>): EntityRef {
  let target = ref;
  const seen = new Set<string>([ref.key]);
  while (fuller.has(target.key) && !seen.has(fuller.get(target.key)!.key)) {
    target = fuller.get(target.key)!;
    seen.add(target.key);
  }
  return target;
}

export function resolveEntities(claims: readonly Claim[]): EntityResolution {
  const refs = new Map<string, EntityRef>();
  /** Documents each entity appears in, and the forces each document names. */
  const docsOf = new Map<string, Set<string>>();
  const forcesOf = new Map<string, Set<string>>();
  for (const c of claims) {
    for (const e of entitiesOf(c)) {
      if (!refs.has(e.key) || e.name < refs.get(e.key)!.name) refs.set(e.key, e);
      const docs = docsOf.get(e.key) ?? new Set<string>();
      docs.add(c.documentId);
      docsOf.set(e.key, docs);
      if (e.type === 'Force') {
        const forces = forcesOf.get(c.documentId) ?? new Set<string>();
        forces.add(e.key);
        forcesOf.set(c.documentId, forces);
      }
    }
  }

  const people = [...refs.values()]
    .filter((e) => e.type === 'Person')
    .map((p) => {
      const out = new Set<string>();
      for (const d of docsOf.get(p.key) ?? []) for (const f of forcesOf.get(d) ?? []) out.add(f);
      return { ref: p, forces: out };
    });
  const fuller = fullerPeople(people);

  const canonical = new Map<string, EntityRef>();
  for (const [key, ref] of [...refs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) canonical.set(key, canonicalOf(ref, fuller));

  const surfaceForms = new Map<string, SurfaceForm[]>();
  for (const c of claims) {
    if (c.kind !== 'mention' || !c.subject) continue;
    const key = canonical.get(c.subject.key)?.key ?? c.subject.key;
    const list = surfaceForms.get(key) ?? [];
    list.push({ form: c.value, documentId: c.documentId, claimId: c.id });
    surfaceForms.set(key, list);
  }
  for (const list of surfaceForms.values()) {
    list.sort((a, b) => cmp(a.form, b.form) || cmp(a.documentId, b.documentId) || cmp(a.claimId, b.claimId));
  }
  return { canonical, surfaceForms };
}

/** The claims with every entity replaced by its canonical entity; ids, spans and evidence unchanged. */
export function canonicalClaims(claims: readonly Claim[], resolution: EntityResolution): Claim[] {
  const canon = (e: EntityRef): EntityRef => resolution.canonical.get(e.key) ?? e;
  const moved = (e: EntityRef | null): boolean => e !== null && resolution.canonical.has(e.key);
  // A claim naming no resolved entity stays as it is (claims are never changed in place).
  return claims.map((c) =>
    !moved(c.subject) && !c.links.some((l) => moved(l.entity))
      ? c
      : {
          ...c,
          subject: c.subject ? canon(c.subject) : null,
          links: c.links.map((l) => ({ role: l.role, entity: canon(l.entity) })),
        },
  );
}
