/**
 * The documentation viewers' browser bundles, served by our own origin straight from their npm
 * packages, so the docs pages work offline and load nothing from a CDN. The package version is
 * part of each URL: an upgrade changes the URL, which lets browsers cache a bundle forever.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

const BUNDLES = {
  scalar: { packageName: "@scalar/api-reference", file: "dist/browser/standalone.js" },
  redoc: { packageName: "redoc", file: "bundles/redoc.standalone.js" },
} as const;

export type BundleName = keyof typeof BUNDLES;

/** Where the docs pages load the bundles from; `[file]` is `<name>-<version>.js`. */
export const BUNDLE_ROUTE = "/docs/assets";

const packageDir = (name: BundleName) => path.join(process.cwd(), "node_modules", ...BUNDLES[name].packageName.split("/"));

const versions = new Map<BundleName, Promise<string>>();

function installedVersion(name: BundleName): Promise<string> {
  let version = versions.get(name);
  if (!version) {
    version = readFile(path.join(packageDir(name), "package.json"), "utf8").then((text) => (JSON.parse(text) as { version: string }).version);
    versions.set(name, version);
  }
  return version;
}

export async function bundleUrl(name: BundleName): Promise<string> {
  return `${BUNDLE_ROUTE}/${name}-${await installedVersion(name)}.js`;
}

const contents = new Map<BundleName, Promise<Buffer>>();

/** The bundle a `<name>-<version>.js` file name stands for, or undefined (an unknown or outdated URL). */
export async function readBundle(fileName: string): Promise<Buffer | undefined> {
  const match = /^([a-z]+)-(.+)\.js$/.exec(fileName);
  const name = match?.[1];
  if (!match || !name || !Object.hasOwn(BUNDLES, name)) return undefined;
  const bundle = name as BundleName;
  if (match[2] !== (await installedVersion(bundle))) return undefined;
  let body = contents.get(bundle);
  if (!body) {
    body = readFile(path.join(packageDir(bundle), BUNDLES[bundle].file));
    contents.set(bundle, body);
  }
  return body;
}
