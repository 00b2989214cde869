import { describe, expect, it } from 'vitest';
import { defaultLexicon, mayNameStage } from '../../src/extract/lexicon.ts';
import { loadKnowledge } from '../../src/knowledge/index.ts';
import { analyseFixture, devDocumentNames } from '../helpers/fixtures.ts';

// stagePhrase is run only over sentences that hold a stage name's last word: the shortcut must
// never skip a sentence the phrase would match.
describe('the stage-phrase shortcut', () => {
  const lexicon = defaultLexicon();
  const matches = (text: string) => {
    lexicon.stagePhrase.lastIndex = 0;
    return [...text.matchAll(lexicon.stagePhrase)].length;
  };

  it('lets through every stage name of the knowledge, in any case and quoted', () => {
    for (const stage of loadKnowledge().stages.stages) {
      for (const { text } of stage.synonyms) {
        for (const sentence of [`The force was placed in ${text} last year.`, `It left the ‘${text.toUpperCase()}’ phase.`]) {
          expect(mayNameStage(lexicon, sentence), sentence).toBe(true);
        }
      }
    }
  });

  it('skips no dev sentence the stage phrase matches', () => {
    let skipped = 0;
    for (const name of devDocumentNames()) {
      for (const s of analyseFixture(name).analysis.sentences) {
        if (mayNameStage(lexicon, s.text)) continue;
        skipped++;
        expect(matches(s.text), s.text).toBe(0);
      }
    }
    expect(skipped).toBeGreaterThan(100);
  });
});
