import nlp from 'compromise';
import { describe, expect, it } from 'vitest';
import { Tagging } from '../../src/nlp/tagging.ts';
import { analyseFixture, devDocumentNames } from '../helpers/fixtures.ts';

const world = (nlp as unknown as { world(): { methods: { one: { bulkMatch: unknown } } } }).world();

/** Every word of a reading with its offset and tags, and the people compromise finds in it. */
const readingOf = (doc: ReturnType<typeof nlp>) => ({
  terms: (doc.json({ offset: true }) as Array<{ terms: Array<{ text: string; tags: string[]; offset: { start: number } }> }>).flatMap((s) =>
    s.terms.map((t) => `${t.offset.start}:${t.text}:${[...t.tags].sort().join(',')}`),
  ),
  people: (doc.people().json({ offset: true }) as Array<{ text: string }>).map((p) => p.text),
});

describe('the indexed sweep', () => {
  // The project tags with compromise's post-tagger sweep, its candidate step indexed (src/nlp/sweep.ts).
  // A compromise whose sweep works otherwise would fail here first.
  it('tags every paragraph of the dev documents as compromise as shipped does', () => {
    let words = 0;
    for (const name of devDocumentNames()) {
      for (const p of analyseFixture(name).analysis.paragraphs) {
        const ours = readingOf(new Tagging().doc(p.text));
        expect(ours, `${name}: ${p.text.slice(0, 60)}`).toEqual(readingOf(nlp(p.text)));
        words += ours.terms.length;
      }
    }
    expect(words).toBeGreaterThan(4000);
  });

  // The sweep skips a pattern whose leading words and tags match no run of consecutive terms;
  // contractions (a term that stands for two words) and ^-anchored patterns are where that could go wrong.
  it('tags contractions, sentence starts and hyphenated words as compromise as shipped does', () => {
    const sentences = [
      "We've seen real progress, but it isn't enough and they'd said so.",
      "Running quickly, the well-known chief constable didn't stop.",
      'Improve how the force records crime, the inspectorate said.',
      "Mr O'Neill, who'd led the force, said it won't go back into Engage.",
      'Is the force out of Engage? Yes: it left in May 2023.',
      'Crime-recording standards, call-handling and stop-and-search all improved.',
    ];
    for (const s of sentences) expect(readingOf(new Tagging().doc(s)), s).toEqual(readingOf(nlp(s)));
  });

  it('leaves compromise as shipped for every other caller', () => {
    const shipped = world.methods.one.bulkMatch;
    new Tagging().doc('The Chief Constable, Jane Smith, said the force had left Engage.');
    expect(world.methods.one.bulkMatch).toBe(shipped);
  });
});
