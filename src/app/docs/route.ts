/** `GET /docs`: interactive documentation of every API surface (Scalar, served from our origin). */
import { scalarDocsPage } from "@/server/docs/docs-pages";

// Rendered per request: each answer carries a fresh script nonce.
export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return scalarDocsPage();
}
