import type { Mention } from '../../model/mention.ts';
import { findDates } from '../../nlp/dates.ts';
import { taggingOf, type Extractor } from '../context.ts';

/** Calendar expressions, paragraph by paragraph, resolved against the publication date. */
export const dateExtractor: Extractor = {
  name: 'dates',
  extract(input) {
    const { document, paragraphs } = input;
    const out: Mention[] = [];
    for (const p of paragraphs) {
      for (const d of findDates(p.text, document.meta.publishedAt, taggingOf(input))) {
        out.push({
          kind: 'date',
          text: d.text,
          value: d.value,
          precision: d.precision,
          start: p.start + d.start,
          end: p.start + d.end,
          extractor: 'dates',
        });
      }
    }
    return out;
  },
};
