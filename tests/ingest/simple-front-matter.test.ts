import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { simpleFrontMatter } from '../../src/ingest/parse-document.ts';
import { readFileSync } from 'node:fs';
import { analyseFixture, devDocumentNames } from '../helpers/fixtures.ts';

// Simple front matter is read without the YAML parser: where it is read, it must be what YAML reads.
describe('simple front matter', () => {
  const cases = [
    'title: "Kent Police: placed in Engage"\npublishedAt: 2024-03-01\nkind: press',
    "title: 'It''s out'\npublisher: BBC News\nurl: https://example.org/a?b=c#d",
    'title: "He said \\"no\\" \\\\ twice"\n\nlicence: "excerpt, (c) Example"',
    'a: true\nb: 12\nc: 1.5\nd: 0x1F\ne: .inf\nf: null\ng: ~\nh: -3\ni: 1e3\nj: +7',
    'a: yes\nb: no\nc: on\nd: 2024-03\ne: 2024\nf: 10:30',
    'title: value # a comment',
    'title: a: b',
    'title: "a\\nb"',
    'title: one\ntitle: two',
    'title: >\n  folded',
    'list:\n  - a',
    'title: plain ending colon:',
    'title: "unterminated',
    '__proto__: x',
    'title:\tTabbed',
  ];
  it('reads what YAML reads, or leaves the text to YAML', () => {
    let read = 0;
    for (const text of cases) {
      const simple = simpleFrontMatter(text);
      if (simple === undefined) continue;
      read++;
      expect(simple, text).toEqual(parse(text));
    }
    expect(read).toBeGreaterThanOrEqual(3);
  });

  it('reads the front matter of every dev document as YAML does', () => {
    let compared = 0;
    for (const name of devDocumentNames()) {
      const raw = readFileSync(analyseFixture(name).document.path, 'utf8');
      const yamlText = /^---\r?\n([\s\S]*?)\r?\n---/.exec(raw)?.[1];
      if (yamlText === undefined) continue;
      expect(simpleFrontMatter(yamlText), name).toEqual(parse(yamlText));
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });
});
