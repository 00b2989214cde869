import { createHash } from 'node:crypto';

/** Short, stable content id: the same input always gives the same id. */
export function stableId(...parts: unknown[]): string {
  const h = createHash('sha256');
  for (const part of parts) {
    h.update(typeof part === 'string' ? part : JSON.stringify(part));
    h.update('\u0000');
  }
  return h.digest('hex').slice(0, 16);
}
