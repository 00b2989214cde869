import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import type { Element, Nodes, Root } from 'hast';
import { allMatches } from '../util/regex.ts';

/** Page furniture that is never part of the published text. */
const DROP = new Set(['script', 'style', 'noscript', 'nav', 'header', 'footer', 'aside', 'form', 'template', 'svg', 'iframe']);

/** Past this depth the HTML parser's recursion would overflow the stack: a plainer reading takes over. */
const MAX_PARSED_DEPTH = 400;

/** Reduce an HTML page to its readable text (block elements become line breaks). Pure. */
export function htmlToText(html: string): { text: string; title?: string } {
  if (nestingDepth(html) > MAX_PARSED_DEPTH) return stripTags(html);
  try {
    return parsedToText(html);
  } catch (err) {
    if (err instanceof RangeError) return stripTags(html);
    throw err;
  }
}

function parsedToText(html: string): { text: string; title?: string } {
  const tree = fromHtml(html);
  let title: string | undefined;
  const stack: Nodes[] = [tree];
  // Iterative walk: deeply nested markup must not overflow the call stack.
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!('children' in node)) continue;
    const parent = node as Root | Element;
    if (parent.type === 'element' && parent.tagName === 'title' && !title) title = toText(parent).trim() || undefined;
    parent.children = parent.children.filter((c) => !(c.type === 'element' && DROP.has(c.tagName)) && c.type !== 'comment');
    for (const child of parent.children) stack.push(child as Nodes);
  }
  const body = findBody(tree) ?? tree;
  const text = toText(body, { whitespace: 'normal' })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return title ? { text, title } : { text };
}

function findBody(tree: Root): Element | undefined {
  const html = tree.children.find((c): c is Element => c.type === 'element' && c.tagName === 'html');
  return html?.children.find((c): c is Element => c.type === 'element' && c.tagName === 'body');
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** Deepest element nesting, by a cheap scan of the tags. */
function nestingDepth(html: string): number {
  let depth = 0;
  let max = 0;
  for (const m of allMatches(html, /<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[3] && !VOID.has(m[2]!.toLowerCase())) max = Math.max(max, ++depth);
  }
  return max;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', ndash: '–', mdash: '—' };

/** The text of pathological HTML without a tree: furniture removed, block tags as line breaks. */
function stripTags(html: string): { text: string; title?: string } {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]?.trim();
  const text = html
    .replace(/<(head|script|style|noscript|nav|header|footer|aside|template|svg|iframe)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?(?:p|div|li|h[1-6]|br|tr|section|article|blockquote|ul|ol|table)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1]?.toLowerCase() === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e.toLowerCase()] ?? whole),
    )
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return title ? { text, title } : { text };
}
