/** `GET /docs/assets/<name>-<version>.js`: a docs viewer's browser bundle, cached for good. */
import { readBundle } from "@/server/docs/browser-bundles";

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const body = await readBundle((await params).file);
  if (!body) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(new Uint8Array(body), {
    headers: {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=31536000, immutable",
    },
  });
}
