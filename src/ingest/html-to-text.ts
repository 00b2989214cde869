import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import type { Element, Nodes, Root } from 'hast';

/** Page furniture that is never part of the published text. */
const DROP = new Set(['script', 'style', 'noscript', 'nav', 'header', 'footer', 'aside', 'form', 'template', 'svg', 'iframe']);

/** Reduce an HTML page to its readable text (block elements become line breaks). Pure. */
export function htmlToText(html: string): { text: string; title?: string } {
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
