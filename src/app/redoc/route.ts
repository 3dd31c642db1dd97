/** `GET /redoc`: the `/api/v1` reference in Redoc (served from our origin). */
import { redocDocsPage } from "@/server/docs/docs-pages";

// Rendered per request: each answer carries a fresh script nonce.
export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return redocDocsPage();
}
