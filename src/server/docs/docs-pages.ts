/**
 * The interactive API documentation pages: `/docs` (Scalar, with a switcher between the four
 * surfaces' OpenAPI documents) and `/redoc` (Redoc, for `/api/v1`). Plain HTML documents rather
 * than React pages: each loads one bundle from our origin and starts it with an inline script
 * allowed by a per-response nonce. The Content-Security-Policy keeps every request on our origin,
 * so neither viewer can fetch fonts, logos or telemetry from the internet.
 */
import { randomBytes } from "node:crypto";
import { bundleUrl } from "./browser-bundles";

/** The OpenAPI documents the docs pages show, one per API surface. */
export const API_DOCUMENTS = [
  { slug: "spec000", title: "RMM API (specification 000)", url: "/openapi.json" },
  { slug: "v1", title: "REST API v1", url: "/api/v1/openapi.json" },
  { slug: "v3", title: "API v3 (Tactical RMM compatible)", url: "/api/v3/openapi.json" },
  { slug: "agents", title: "Agents API", url: "/api/agents/openapi.json" },
] as const;

/** The document `/redoc` renders. */
export const REDOC_DOCUMENT_URL = "/api/v1/openapi.json";

function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // Both viewers inject their styles at run time and set inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    // Redoc's search index runs in a worker started from a blob.
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** JSON that is safe inside a `<script>` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

function htmlPage(title: string, nonce: string, body: string): Response {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="csp-nonce" content="${nonce}">
<link rel="icon" href="/icon.svg" type="image/svg+xml">
<title>${title}</title>
</head>
<body style="margin:0">
${body}
</body>
</html>
`;
  return new Response(html, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": contentSecurityPolicy(nonce),
    },
  });
}

const newNonce = () => randomBytes(16).toString("base64");

/** `/docs`: Scalar with every surface's document; the first is shown first. */
export async function scalarDocsPage(): Promise<Response> {
  const nonce = newNonce();
  const configuration = {
    sources: API_DOCUMENTS.map((document, index) => ({ ...document, default: index === 0, agent: { disabled: true } })),
    // Everything below keeps the page on our origin: no font CDN, no telemetry, no hosted tools
    // (the "Open API Client" button opens Scalar's website; "Test Request" stays in the page).
    withDefaultFonts: false,
    telemetry: false,
    showDeveloperTools: "never",
    hideClientButton: true,
    documentDownloadType: "json",
  };
  return htmlPage(
    "RMM API documentation",
    nonce,
    `<div id="app"></div>
<script src="${await bundleUrl("scalar")}"></script>
<script nonce="${nonce}">Scalar.createApiReference("#app", ${scriptJson(configuration)});</script>`,
  );
}

/** `/redoc`: the `/api/v1` document in Redoc. */
export async function redocDocsPage(): Promise<Response> {
  const nonce = newNonce();
  return htmlPage(
    "RMM API v1 reference",
    nonce,
    `<div id="redoc"></div>
<script src="${await bundleUrl("redoc")}"></script>
<script nonce="${nonce}">Redoc.init(${scriptJson(REDOC_DOCUMENT_URL)}, {}, document.getElementById("redoc"));</script>`,
  );
}
