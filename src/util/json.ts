/** A string property read back as JSON: null when it is no string or does not parse (the caller then reads the long way). */
export function parseJsonString(value: unknown): { json: unknown } | null {
  if (typeof value !== 'string') return null;
  try {
    return { json: JSON.parse(value) };
  } catch {
    return null;
  }
}
