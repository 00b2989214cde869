import { describe, expect, it } from 'vitest';
import { parseRawFile } from '../../src/ingest/parse-document.ts';

const file = (path: string, content: string | Uint8Array) => ({
  path,
  relativePath: path,
  bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content,
});

describe('parseRawFile', () => {
  it('reads front matter and body, with the body line for messages', () => {
    const r = parseRawFile(file('a.txt', '---\ntitle: T\npublisher: HMICFRS\nkind: inspectorate\npublishedAt: 2025-01-23\n---\nBody text.\n'));
    expect(r.problems).toEqual([]);
    expect(r.document?.meta).toMatchObject({ title: 'T', publisher: 'HMICFRS', kind: 'inspectorate', publishedAt: '2025-01-23' });
    expect(r.document?.text).toBe('Body text.\n');
    expect(r.document?.bodyLine).toBe(7);
    expect(r.document?.key).toBe('file:a.txt');
  });

  it('accepts a document without front matter', () => {
    const r = parseRawFile(file('b.md', '# Heading\n\nThe Met was moved into Engage.'));
    expect(r.document?.meta).toEqual({});
    expect(r.document?.format).toBe('md');
  });

  it('derives the id from content: same content same id, changed content new id', () => {
    const a = parseRawFile(file('a.txt', 'One text.')).document!;
    const b = parseRawFile(file('other-name.txt', 'One text.')).document!;
    const c = parseRawFile(file('a.txt', 'Another text.')).document!;
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(c.id);
  });

  it('reports an empty file', () => {
    const r = parseRawFile(file('empty.txt', ''));
    expect(r.document).toBeUndefined();
    expect(r.problems).toEqual([{ path: 'empty.txt', severity: 'error', reason: expect.stringMatching(/empty/) }]);
  });

  it('reports a whitespace-only file', () => {
    const r = parseRawFile(file('blank.txt', '  \n\t\n'));
    expect(r.document).toBeUndefined();
    expect(r.problems[0]?.reason).toMatch(/white space/);
  });

  it('reports a binary file', () => {
    const r = parseRawFile(file('image.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3])));
    expect(r.document).toBeUndefined();
    expect(r.problems[0]?.reason).toMatch(/binary/);
  });

  it('reports invalid UTF-8 with its line', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('line one\nline two \n'), 0xff, 0xfe, 0x41]);
    const r = parseRawFile(file('latin.txt', bytes));
    expect(r.document).toBeUndefined();
    expect(r.problems[0]).toMatchObject({ path: 'latin.txt', line: 3, reason: expect.stringMatching(/invalid UTF-8/) });
  });

  it('reports front matter of the wrong type with the file line of the field', () => {
    const r = parseRawFile(file('bad.txt', '---\ntitle: T\nkind: blog\npublishedAt: 2025-01-23\n---\nBody.'));
    expect(r.document).toBeUndefined();
    expect(r.problems[0]).toMatchObject({ path: 'bad.txt', line: 3, reason: expect.stringMatching(/kind/) });
  });

  it('reports a date that is not a date, and YAML that does not parse', () => {
    const date = parseRawFile(file('d.txt', '---\npublishedAt: 23/01/2025\n---\nBody.'));
    expect(date.problems[0]).toMatchObject({ line: 2, reason: expect.stringMatching(/publishedAt/) });
    const yaml = parseRawFile(file('y.txt', '---\ntitle: [unclosed\n---\nBody.'));
    expect(yaml.document).toBeUndefined();
    expect(yaml.problems[0]?.reason).toMatch(/not valid YAML/);
  });

  it('keeps unknown front matter fields with a warning', () => {
    const r = parseRawFile(file('u.txt', '---\ntitle: T\nauthor: Someone\n---\nBody.'));
    expect(r.document).toBeDefined();
    expect(r.problems).toEqual([{ path: 'u.txt', severity: 'warning', reason: expect.stringMatching(/author/) }]);
  });

  it('drops a byte-order mark and normalises CRLF', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('---\r\ntitle: T\r\n---\r\nLine one.\r\nLine two.')]);
    const r = parseRawFile(file('bom.txt', bytes));
    expect(r.document?.meta.title).toBe('T');
    expect(r.document?.text).toBe('Line one.\nLine two.');
  });

  it('reduces HTML to its text and takes the title from the page', () => {
    const html = '<html><head><title>Met removed</title><script>var x = 1;</script></head><body><nav>Menu</nav><p>The Met has been removed from Engage.</p><p>Second paragraph.</p></body></html>';
    const r = parseRawFile(file('page.html', html));
    expect(r.document?.meta.title).toBe('Met removed');
    expect(r.document?.text).toContain('The Met has been removed from Engage.');
    expect(r.document?.text).not.toContain('Menu');
    expect(r.document?.text).not.toContain('var x');
  });

  it('warns about a publication date in the future', () => {
    const r = parseRawFile(file('f.txt', '---\npublishedAt: 2999-01-01\n---\nBody.'), { today: '2026-01-01' });
    expect(r.document).toBeDefined();
    expect(r.problems[0]).toMatchObject({ severity: 'warning', reason: expect.stringMatching(/future/) });
  });
});
