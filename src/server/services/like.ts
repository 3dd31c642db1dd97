/** Search text as an ILIKE pattern: `%` and `_` in it are literal characters, not wildcards. */
export const likeLiteral = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
