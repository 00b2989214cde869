import * as crypto from 'node:crypto';

/** SHA-256 of a string, in hex: the one-shot hash where Node has it (20.12 and later), else a Hash object. */
const sha256: (data: string) => string =
  typeof crypto.hash === 'function' ? (data) => crypto.hash('sha256', data, 'hex') : (data) => crypto.createHash('sha256').update(data).digest('hex');

/** Short, stable content id: the same input always gives the same id. */
export function stableId(...parts: unknown[]): string {
  // Each part, then a NUL: one string hashed in one call (the bytes an update per piece would hash).
  let data = '';
  for (const part of parts) data += `${typeof part === 'string' ? part : JSON.stringify(part)}\u0000`;
  return sha256(data).slice(0, 16);
}
