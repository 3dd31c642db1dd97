/**
 * zod schemas as OpenAPI 3.1 schema objects, through zod's own JSON Schema conversion.
 *
 * zod writes shared (`.meta({ id })`) and recursive schemas as `$defs` with `#/$defs/...` or `#`
 * references, which inside an OpenAPI document would resolve against the document's root. They are
 * lifted into `components.schemas` instead, one entry per distinct schema, and the references
 * rewritten to point there.
 */
import { z } from "zod";

export type JsonSchema = Record<string, unknown>;

/** Whether the schema describes what a client sends (defaults optional) or what it receives. */
export type SchemaIo = "input" | "output";

/** The `components.schemas` of one document, filled while its operations are converted. */
export class ComponentSchemas {
  readonly schemas: Record<string, JsonSchema> = {};

  /**
   * Stores a schema under `base`, or when a different schema holds that name under `base` +
   * `variant` (+ 2, 3...), reusing an entry with equal content. `render` builds the schema as it
   * reads under a candidate name (a recursive schema refers to itself by it).
   */
  add(base: string, render: (name: string) => JsonSchema, variant = ""): string {
    for (let n = 1; ; n++) {
      const name = n === 1 ? base : `${base}${variant}${variant && n === 2 ? "" : n}`;
      const schema = render(name);
      const existing = this.schemas[name];
      if (!existing) {
        this.schemas[name] = schema;
        return name;
      }
      if (JSON.stringify(existing) === JSON.stringify(schema)) return name;
    }
  }
}

const ROOT = "#";
const DEFS_PREFIX = "#/$defs/";

function readableForClients(ctx: { zodSchema: z.core.$ZodTypes; jsonSchema: JsonSchema }): void {
  const json = ctx.jsonSchema;
  // A JSON serialisation turns dates into ISO strings, which is what a client sees and sends.
  if (ctx.zodSchema._zod.def.type === "date") {
    json.type = "string";
    json.format = "date-time";
  }
  // `z.number().int()` bounds every integer by JavaScript's safe range: noise to a reader.
  if (json.minimum === Number.MIN_SAFE_INTEGER) delete json.minimum;
  if (json.maximum === Number.MAX_SAFE_INTEGER) delete json.maximum;
}

function rewriteRefs(value: unknown, target: (ref: string) => string | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, target));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      const name = key === "$ref" && typeof item === "string" ? target(item) : undefined;
      return [key, name ? `#/components/schemas/${name}` : rewriteRefs(item, target)];
    }),
  );
}

function refersToRoot(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(refersToRoot);
  if (value === null || typeof value !== "object") return false;
  return Object.entries(value).some(([key, item]) => (key === "$ref" && item === ROOT) || refersToRoot(item));
}

/** The OpenAPI schema object of `schema`; shared and recursive parts land in `components`. */
export function toOpenApiSchema(schema: z.ZodType, io: SchemaIo, components: ComponentSchemas): JsonSchema {
  const { $schema: _dialect, $defs = {}, ...root } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    override: readableForClients,
  }) as JsonSchema & { $defs?: Record<string, JsonSchema> };

  // Names given so far; a definition not yet named is tried under its own base name.
  const names = new Map<string, string>();
  // zod names unnamed recursive parts `__schema0`...; the root of a recursive schema is `#`.
  const baseName = (id: string) => (id === ROOT || id.startsWith("__") ? "Schema" : id);
  const target = (ref: string): string | undefined => {
    const id = ref === ROOT ? ROOT : ref.startsWith(DEFS_PREFIX) ? ref.slice(DEFS_PREFIX.length) : undefined;
    if (id === undefined) return undefined;
    return names.get(id) ?? baseName(id);
  };
  const lift = (id: string, body: unknown) => {
    const render = (candidate: string) => {
      names.set(id, candidate);
      return rewriteRefs(body, target) as JsonSchema;
    };
    // What a client sends may differ from what it receives (defaults, extra keys): "AgentInput".
    const name = components.add(baseName(id), render, io === "input" ? "Input" : "");
    names.set(id, name);
    return name;
  };

  for (const [id, body] of Object.entries($defs)) lift(id, body);
  if (refersToRoot(root) || refersToRoot($defs)) return { $ref: `#/components/schemas/${lift(ROOT, root)}` };
  return rewriteRefs(root, target) as JsonSchema;
}
