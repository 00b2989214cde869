/** The pure export formatters on rows written here (the round trips through real readers are in tests/graph/export.test.ts). */
import { describe, expect, it } from 'vitest';
import { nodeLine, nodesHeader, relationshipLine, delimiterClashes } from '../../src/export/csv.ts';
import { graphmlNode, graphmlNodeKeys } from '../../src/export/graphml.ts';
import { jsonLdClaim, quoteContext } from '../../src/export/jsonld.ts';
import { nodeIri, propertyTypeOf, type PropertyType } from '../../src/export/model.ts';

const str: PropertyType = { type: 'string', array: false };
const long: PropertyType = { type: 'long', array: false };
const strings: PropertyType = { type: 'string', array: true };

describe('export identifiers', () => {
  it('entities by their key, other nodes by kind and key, unsafe characters encoded', () => {
    expect(nodeIri({ labels: ['Entity', 'Force'], key: 'force:cleveland-police' })).toBe('urn:oversight:force:cleveland-police');
    expect(nodeIri({ labels: ['Sentence'], key: 'abc:3' })).toBe('urn:oversight:sentence:abc:3');
    expect(nodeIri({ labels: ['Source'], key: 'Evening Post & Star' })).toBe('urn:oversight:source:Evening%20Post%20%26%20Star');
  });

  it('Neo4j type names map to export types; mixed types fall back to string', () => {
    expect(propertyTypeOf(['Long'])).toEqual(long);
    expect(propertyTypeOf(['StringArray'])).toEqual(strings);
    expect(propertyTypeOf(['Long', 'String'])).toEqual(str);
  });
});

describe('CSV for the bulk importer', () => {
  const columns: [string, PropertyType][] = [['id', str], ['count', long], ['names', strings]];

  it('typed headers, quoted text, absent values empty, arrays joined by the delimiter', () => {
    expect(nodesHeader(columns)).toBe(':ID,id:string,count:long,names:string[],:LABEL');
    const line = nodeLine({ labels: ['Fact'], key: 'f1', props: { id: 'f1', names: ['A "quoted" name', 'B'] } }, columns);
    expect(line).toBe('"urn:oversight:fact:f1","f1",,"A ""quoted"" name;B","Fact"');
  });

  it('relationships by their ends\' identifiers; delimiter clashes are counted', () => {
    expect(relationshipLine({ type: 'ABOUT', start: { labels: ['Fact'], key: 'f1' }, end: { labels: ['Entity', 'Person'], key: 'person:ann-lee' }, props: {} }, [])).toBe(
      '"urn:oversight:fact:f1","urn:oversight:person:ann-lee","ABOUT"',
    );
    expect(delimiterClashes({ texts: ['one; two', 'three'] })).toBe(1);
  });
});

describe('GraphML', () => {
  it('escapes markup, drops characters XML cannot hold, writes lists as JSON', () => {
    const keys = graphmlNodeKeys([['name', str], ['surfaceForms', strings]]);
    const xml = graphmlNode({ labels: ['Entity', 'Organisation'], key: 'organisation:a', props: { name: 'A <b> & "c"\u0001', surfaceForms: ['A', 'B'] } }, keys);
    expect(xml).toContain('<data key="label">A &lt;b&gt; &amp; &quot;c&quot;</data>');
    expect(xml).toContain('<data key="p_surfaceForms">[&quot;A&quot;,&quot;B&quot;]</data>');
    expect(xml).toContain('<data key="labels">Entity;Organisation</data>');
  });
});

describe('JSON-LD claims', () => {
  const sentence = 'The panel said the county force would leave monitoring in spring.';
  const start = 100 + sentence.indexOf('would leave monitoring');
  const end = start + 'would leave monitoring'.length;

  it('quote context comes from the sentence, cut at its edges', () => {
    expect(quoteContext(start, end, 100, sentence)).toEqual({ prefix: 'The panel said the county force ', suffix: ' in spring.' });
    expect(quoteContext(100, 103, 100, sentence).prefix).toBe('');
    expect(quoteContext(90, 103, 100, sentence)).toEqual({ suffix: sentence.slice(3, 35) });
  });

  it('a claim derives from its document, is attributed to its publisher, and targets its span with both selectors', () => {
    const o = jsonLdClaim({
      labels: ['Claim'],
      key: 'c1',
      props: { id: 'c1', kind: 'stageEvent', start, end, evidence: 'would leave monitoring', documentId: 'd1' },
      documentId: 'd1',
      publisher: 'County Gazette',
      sentenceStart: 100,
      sentenceText: sentence,
    });
    expect(o).toMatchObject({
      '@id': 'urn:oversight:claim:c1',
      kind: 'stageEvent',
      wasDerivedFrom: 'urn:oversight:document:d1',
      wasAttributedTo: 'urn:oversight:source:County%20Gazette',
      target: {
        source: 'urn:oversight:document:d1',
        selector: [
          { '@type': 'TextPositionSelector', start, end },
          { '@type': 'TextQuoteSelector', exact: 'would leave monitoring', prefix: 'The panel said the county force ', suffix: ' in spring.' },
        ],
      },
    });
    // The span lives in the selectors only: `start` is oa:start in the context.
    expect(o).not.toHaveProperty('evidence');
    expect(o).not.toHaveProperty('start');
  });
});
