/**
 * Path templates (`/agents/{agent_id}/`) matched by the dispatcher itself, so that any shape a
 * specification documents is routable: two templates with different parameter names at one
 * level, trailing slashes (accepted with or without), literal segments beside parameters.
 */
import { AppError } from "../errors";
import { hasForbiddenCharacters } from "../input-safety";

export type CompiledTemplate = { template: string; segments: ({ literal: string } | { param: string })[]; pathParams: string[] };

/** Splits a path into segments, ignoring one trailing slash (so `/agents/` and `/agents` are one path). */
function segmentsOf(path: string): string[] {
  const trimmed = path.replace(/^\/+/, "").replace(/\/$/, "");
  return trimmed === "" ? [] : trimmed.split("/");
}

export function compileTemplate(template: string): CompiledTemplate {
  const segments = segmentsOf(template).map((segment): { literal: string } | { param: string } => {
    const param = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(segment);
    return param ? { param: param[1]! } : { literal: segment };
  });
  return { template, segments, pathParams: segments.flatMap((s) => ("param" in s ? [s.param] : [])) };
}

export class MalformedPathError extends AppError {
  constructor(message: string) {
    super("BAD_REQUEST", message, { details: [{ field: "path", message }] });
  }
}


/** Decodes the raw (still percent-encoded) segments of a request path; malformed escapes and NUL are refused. */
export function decodePath(rawPath: string): string[] {
  return segmentsOf(rawPath).map((segment): string => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw new MalformedPathError(`malformed percent-escape in path segment '${segment.slice(0, 64)}'`);
    }
    if (hasForbiddenCharacters(decoded)) throw new MalformedPathError("path segment contains a NUL byte or an unpaired surrogate");
    return decoded;
  });
}

/** The path parameters when the decoded segments match the template; null otherwise. */
export function matchTemplate(compiled: CompiledTemplate, segments: string[]): Record<string, string> | null {
  if (compiled.segments.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const part = compiled.segments[i]!;
    const value = segments[i]!;
    if ("literal" in part) {
      if (part.literal !== value) return null;
    } else {
      if (value === "") return null;
      params[part.param] = value;
    }
  }
  return params;
}

/**
 * Literal segments outrank parameters, position by position, so `/agents/deployments/` wins over
 * `/agents/{agent_id}/` whatever order the routes were declared in.
 */
export function compareSpecificity(a: CompiledTemplate, b: CompiledTemplate): number {
  const length = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < length; i++) {
    const aLiteral = "literal" in a.segments[i]!;
    const bLiteral = "literal" in b.segments[i]!;
    if (aLiteral !== bLiteral) return aLiteral ? -1 : 1;
  }
  // A total order (shorter first on a tie) keeps the sort consistent: templates of different lengths
  // never match the same path, but calling them equal made the sort skip literal-first pairs.
  return a.segments.length - b.segments.length;
}
