/**
 * What changed between two versions of a document, claim by claim. Pure.
 *
 * Claim ids hold the document's id and the character span, so every claim of an edited document
 * has a new id: two versions are compared by what a claim says (kind, subject, predicate, value,
 * the entities it links and its qualifiers), not by id or position.
 */

/** A claim of one version, as read back from the graph. */
export interface VersionClaim {
  id: string;
  kind: string;
  predicate: string;
  value: string;
  subject: string | null;
  /** Linked entities as `ROLE:name` (ACTOR, FORCE, SPEAKER). */
  links: string[];
  /** The claim's other properties (stage, change, date, precision, ...). */
  qualifiers: Record<string, unknown>;
  evidence: string;
  sentence: string;
  start: number;
}

export interface DocumentVersion {
  id: string;
  key: string;
  title: string | null;
  publishedAt: string | null;
  ingestedAt: string | null;
  /** When a later version replaced this one; null for the current version. */
  supersededAt: string | null;
  extractorVersion: string | null;
  claims: VersionClaim[];
}

export interface VersionChange {
  /** The version, and the one before it (null for the first). */
  version: DocumentVersion;
  previous: DocumentVersion | null;
  added: VersionClaim[];
  removed: VersionClaim[];
  /** Claims both versions make. */
  kept: number;
}

/** Claim kinds a history shows; mentions of names change with every rewording and say little. */
export const HISTORY_KINDS = ['decision', 'stageEvent', 'date', 'area', 'quote', 'role', 'detail'] as const;

/** What a claim says, independent of where it sits in the text. */
export function claimSignature(c: VersionClaim): string {
  const qualifiers = Object.keys(c.qualifiers)
    .sort()
    .map((k) => [k, c.qualifiers[k]]);
  return JSON.stringify([c.kind, c.predicate, c.subject, c.value, [...c.links].sort(), qualifiers]);
}

/**
 * Versions oldest first, each with the claims it added and removed against the one before. A
 * claim stated twice in a version counts twice, so a repetition dropped in an edit shows.
 */
export function versionChanges(versions: readonly DocumentVersion[], kinds: ReadonlySet<string> = new Set(HISTORY_KINDS)): VersionChange[] {
  const changes: VersionChange[] = [];
  let previous: DocumentVersion | null = null;
  for (const version of versions) {
    const now = version.claims.filter((c) => kinds.has(c.kind));
    const before = previous ? previous.claims.filter((c) => kinds.has(c.kind)) : [];
    const remaining = new Map<string, VersionClaim[]>();
    for (const c of before) {
      const sig = claimSignature(c);
      remaining.set(sig, [...(remaining.get(sig) ?? []), c]);
    }
    const added: VersionClaim[] = [];
    let kept = 0;
    for (const c of now) {
      const same = remaining.get(claimSignature(c));
      if (same && same.length > 0) {
        same.shift();
        kept++;
      } else added.push(c);
    }
    const removed = [...remaining.values()].flat();
    const byPlace = (a: VersionClaim, b: VersionClaim) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    changes.push({ version, previous, added: added.sort(byPlace), removed: removed.sort(byPlace), kept });
    previous = version;
  }
  return changes;
}

/** One line for a claim: what it says, in the words a reader of the history wants. */
export function describeClaim(c: VersionClaim): string {
  const q = c.qualifiers;
  const who = c.subject ?? 'unattributed';
  switch (c.kind) {
    case 'stageEvent':
      return `${who} ${String(q.change ?? '')} ${String(q.stage ?? c.value)}${q.date ? ` (${String(q.date)})` : ''}`;
    case 'decision':
      return `${who}: ${c.value}`;
    case 'date':
      return `date ${c.value}${q.text ? ` ("${String(q.text)}")` : ''}`;
    case 'area':
      return `${who}: ${c.predicate.toLowerCase()} "${c.value}"${q.peel ? ` (${String(q.peel)})` : ''}`;
    case 'quote':
      return `${who} said "${c.value}"`;
    case 'role':
      return `${who} is ${c.value}`;
    default:
      return `${who}: ${c.predicate.toLowerCase()} ${c.value}`;
  }
}
