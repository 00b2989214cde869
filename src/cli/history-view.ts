import { describeClaim, type VersionClaim } from '../history/versions.ts';
import type { DocumentHistory } from '../../pipelines/history.ts';

/** `oversight history` as text: per version, when it came and went, and the claims it added and removed with their sentences. */
export function formatHistory(documents: readonly DocumentHistory[]): string {
  const out: string[] = [];
  for (const doc of documents) {
    out.push(`${doc.key}: ${doc.versions.length} version${doc.versions.length === 1 ? '' : 's'}`);
    doc.versions.forEach((change, i) => {
      const v = change.version;
      const state = v.supersededAt ? `superseded ${v.supersededAt}` : 'current';
      out.push('');
      out.push(`Version ${i + 1} (${state}): ${v.id}${v.title ? `, "${v.title}"` : ''}`);
      out.push(`  ingested ${v.ingestedAt ?? 'before ingest times were kept'}${v.publishedAt ? `, published ${v.publishedAt}` : ''}`);
      if (!change.previous) {
        out.push(`  first version: ${change.added.length} claims`);
        return;
      }
      if (change.previous.extractorVersion !== v.extractorVersion) out.push('  (read by another version of the extractor than the one before: some changes may be the extractor\'s)');
      out.push(`  ${change.kept} claims unchanged, ${change.removed.length} removed, ${change.added.length} added`);
      for (const [label, claims] of [['removed', change.removed], ['added', change.added]] as const) {
        if (claims.length === 0) continue;
        out.push(`  ${label}:`);
        for (const c of claims) out.push(...claimLines(label === 'removed' ? '-' : '+', c));
      }
    });
    out.push('');
  }
  return out.join('\n');
}

function claimLines(mark: string, c: VersionClaim): string[] {
  return [`    ${mark} ${c.kind}: ${describeClaim(c)}`, `        "${c.sentence.replace(/\s+/g, ' ').trim()}"`];
}
