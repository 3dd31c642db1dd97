/** The docs pages and their bundles, through the real route handlers and the installed packages. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET as getAsset } from "@/app/docs/assets/[file]/route";
import { GET as getDocs } from "@/app/docs/route";
import { GET as getRedoc } from "@/app/redoc/route";

const packageFile = (...parts: string[]) => path.join(process.cwd(), "node_modules", ...parts);
const versionOf = (packageName: string) => (JSON.parse(readFileSync(packageFile(packageName, "package.json"), "utf8")) as { version: string }).version;

const asset = (file: string) => getAsset(new Request(`http://localhost/docs/assets/${file}`), { params: Promise.resolve({ file }) });

/** The script URLs a page loads, and the nonce of its inline script. */
function scripts(html: string) {
  return {
    sources: [...html.matchAll(/<script src="([^"]+)">/g)].map((match) => match[1]),
    inlineNonces: [...html.matchAll(/<script nonce="([^"]+)">/g)].map((match) => match[1]),
  };
}

async function expectSelfContainedPage(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
  const html = await response.text();
  const csp = response.headers.get("content-security-policy") ?? "";
  const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(scripts(html).inlineNonces).toEqual([nonce]);
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("font-src 'self' data:");
  // Nothing on the page points at another origin.
  expect(html).not.toMatch(/https?:\/\//);
  return html;
}

describe("GET /docs", () => {
  it("loads Scalar from our origin with every surface's document, fonts from the internet turned off", async () => {
    const html = await expectSelfContainedPage(await getDocs());
    const version = versionOf("@scalar/api-reference");
    expect(scripts(html).sources).toEqual([`/docs/assets/scalar-${version}.js`]);
    const configuration = JSON.parse(/Scalar\.createApiReference\("#app", (.*)\);<\/script>/.exec(html)?.[1] ?? "null");
    expect(configuration.sources.map((source: { url: string }) => source.url)).toEqual([
      "/openapi.json",
      "/api/v1/openapi.json",
      "/api/v3/openapi.json",
      "/api/agents/openapi.json",
    ]);
    expect(configuration).toMatchObject({ withDefaultFonts: false, telemetry: false });
  });

  it("uses a fresh script nonce on every answer", async () => {
    const nonce = async () => scripts(await (await getDocs()).text()).inlineNonces[0];
    expect(await nonce()).not.toBe(await nonce());
  });
});

describe("GET /redoc", () => {
  it("loads Redoc from our origin with the /api/v1 document", async () => {
    const html = await expectSelfContainedPage(await getRedoc());
    expect(scripts(html).sources).toEqual([`/docs/assets/redoc-${versionOf("redoc")}.js`]);
    expect(html).toContain(`Redoc.init("/api/v1/openapi.json"`);
  });
});

describe("GET /docs/assets/[file]", () => {
  it.each([
    ["scalar", "@scalar/api-reference", "dist/browser/standalone.js", "createApiReference"],
    ["redoc", "redoc", "bundles/redoc.standalone.js", "Redoc"],
  ])("serves the installed %s bundle as JavaScript, cached for good", async (name, packageName, file, marker) => {
    const response = await asset(`${name}-${versionOf(packageName)}.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.equals(readFileSync(packageFile(packageName, file)))).toBe(true);
    expect(body.toString("utf8")).toContain(marker);
  });

  it.each(["scalar-0.0.1.js", "other-1.0.0.js", "..%2Fpackage.json", "scalar-1.0.0.css", "constructor-1.js"])("answers 404 for %s", async (file) => {
    expect((await asset(file)).status).toBe(404);
  });
});
