/**
 * Every version of a document the graph holds: the current `Document` and the earlier ones
 * (`SupersededDocument`, reached by key), each with the claims it made. Read only.
 */
import type { Driver } from 'neo4j-driver';
import type { DocumentVersion, VersionClaim } from '../history/versions.ts';
import { plain } from './queries.ts';

/** Earlier versions first, in the order later ones replaced them; the current one last. */
const VERSIONS = `
MATCH (d:Document|SupersededDocument {key: $key})
RETURN d.id AS id, d.key AS key, d.title AS title, d.publishedAt AS publishedAt, d.ingestedAt AS ingestedAt,
       d.supersededAt AS supersededAt, d.extractorVersion AS extractorVersion, elementId(d) AS node
ORDER BY coalesce(d.supersededAt, '9999'), d.ingestedAt`;

// The standard fields of a claim node; every other property is a qualifier.
const CLAIM_FIELDS = ['id', 'kind', 'predicate', 'value', 'start', 'end', 'evidence', 'extractor', 'extractorVersion', 'documentId', 'ingestedAt', 'supersededAt', 'subjectName', 'links'];

const CLAIMS = `
MATCH (d) WHERE elementId(d) = $node
MATCH (d)-[:STATES]->(c:Claim|SupersededClaim)-[:EVIDENCED_BY]->(s:Sentence)
WHERE c.kind IN $kinds
OPTIONAL MATCH (c)-[:ABOUT]->(subject:Entity)
// A current claim links its entities; an earlier version's claim keeps their names as properties.
RETURN properties(c) AS props, coalesce(subject.name, c.subjectName) AS subject, s.text AS sentence,
       CASE WHEN c:SupersededClaim THEN coalesce(c.links, []) ELSE [(c)-[r:ACTOR|FORCE|SPEAKER]->(e:Entity) | type(r) + ':' + e.name] END AS links
ORDER BY c.start, c.id`;

/** The versions of the document with this key, oldest first, with their claims of the given kinds. */
export async function readVersions(driver: Driver, key: string, kinds: readonly string[]): Promise<DocumentVersion[]> {
  const session = driver.session({ defaultAccessMode: 'READ' });
  try {
    return await session.executeRead(async (tx) => {
      const versions = (await tx.run(VERSIONS, { key })).records.map((r) => plain(r.toObject()) as Omit<DocumentVersion, 'claims'> & { node: string });
      const out: DocumentVersion[] = [];
      for (const { node, ...version } of versions) {
        const claims = (await tx.run(CLAIMS, { node, kinds: [...kinds] })).records.map((r): VersionClaim => {
          const props = plain(r.get('props')) as Record<string, unknown>;
          const qualifiers = Object.fromEntries(Object.entries(props).filter(([k]) => !CLAIM_FIELDS.includes(k)));
          return {
            id: String(props.id),
            kind: String(props.kind),
            predicate: String(props.predicate),
            value: String(props.value),
            subject: (r.get('subject') as string | null) ?? null,
            links: r.get('links') as string[],
            qualifiers,
            evidence: String(props.evidence ?? ''),
            sentence: r.get('sentence') as string,
            start: Number(props.start ?? 0),
          };
        });
        // A property a node lacks comes back as null: the version's fields are already what DocumentVersion says.
        out.push({ ...version, claims });
      }
      return out;
    });
  } finally {
    await session.close();
  }
}
