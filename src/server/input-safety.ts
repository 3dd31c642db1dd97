/**
 * Characters that no name, path, identifier or text in this product may carry: NUL (PostgreSQL
 * refuses it in text, and it truncates strings in C APIs on endpoints) and unpaired UTF-16
 * surrogates (not valid Unicode; they cannot be stored as UTF-8). Refused at every entrance: the
 * REST dispatcher (paths, queries, bodies) and every tRPC procedure (its raw input).
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this refuses
const FORBIDDEN = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const FORBIDDEN_CHARACTERS_MESSAGE = "must not contain NUL bytes or unpaired surrogates";

export function hasForbiddenCharacters(text: string): boolean {
  return FORBIDDEN.test(text);
}

/** The dotted path of the first string (or key) in `value` that carries a forbidden character; null when none does. */
export function findForbiddenCharacters(value: unknown, path = ""): string | null {
  if (typeof value === "string") return hasForbiddenCharacters(value) ? path || "body" : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findForbiddenCharacters(value[i], path ? `${path}.${i}` : String(i));
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const here = path ? `${path}.${key}` : key;
      if (hasForbiddenCharacters(key)) return here;
      const found = findForbiddenCharacters(item, here);
      if (found) return found;
    }
  }
  return null;
}
