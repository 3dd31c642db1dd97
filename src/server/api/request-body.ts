/**
 * Reading a request body safely: JSON only (415 for another content type; raw text where a route
 * documents it), capped while it
 * streams (413 as soon as it passes the limit, before the rest is read), refused when a string
 * in it carries a NUL byte or an unpaired surrogate (PostgreSQL cannot store those).
 */
import { AppError } from "../errors";
import { DEFAULT_BODY_LIMIT_BYTES } from "../http/body-limits";
import { FORBIDDEN_CHARACTERS_MESSAGE, findForbiddenCharacters } from "../input-safety";

const tooLarge = (limitBytes: number) => new AppError("PAYLOAD_TOO_LARGE", `Request body is larger than ${limitBytes} bytes`);

async function readCapped(request: Request, limitBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limitBytes) throw tooLarge(limitBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel();
      throw tooLarge(limitBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

/** The body as text whatever its content type (a shell's raw input), capped the same way. */
export function readTextBody(request: Request, limitBytes = DEFAULT_BODY_LIMIT_BYTES): Promise<string> {
  return readCapped(request, limitBytes);
}

/** The parsed JSON body, or undefined when the request has none. */
export async function readJsonBody(request: Request, limitBytes = DEFAULT_BODY_LIMIT_BYTES): Promise<unknown> {
  const text = await readCapped(request, limitBytes);
  if (text.trim() === "") return undefined;
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json" && !type.endsWith("+json")) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Request body must be JSON (Content-Type: application/json)");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new AppError("BAD_REQUEST", "Malformed JSON body", { details: [{ field: "body", message: (error as Error).message }] });
  }
  const field = findForbiddenCharacters(body);
  if (field) throw new AppError("BAD_REQUEST", "Invalid request", { details: [{ field, message: FORBIDDEN_CHARACTERS_MESSAGE }] });
  return body;
}
