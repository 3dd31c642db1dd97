/**
 * Fetches an official Node binary from its npm package (`npm pack`, so only
 * the npm registry is needed) into agent/.cache/, once per version.
 */
import { access, mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { run } from "./run";
import type { NodeDistribution } from "./targets";

const packOutput = z.array(z.object({ filename: z.string() })).length(1);

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** Path of the cached binary, downloading and extracting it first if needed. */
export async function ensureNodeBinary(
  { npmPackage, binaryInPackage }: NodeDistribution,
  version: string,
  cacheDir: string,
  log: (line: string) => void,
): Promise<string> {
  const binary = path.join(cacheDir, `${npmPackage}-${version}`, path.basename(binaryInPackage));
  if (await exists(binary)) return binary;

  // Work in a private folder and rename at the end, so an interrupted or concurrent build never sees half a binary.
  const work = path.join(cacheDir, `.fetch-${npmPackage}-${process.pid}`);
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  try {
    log(`fetching ${npmPackage}@${version} from the npm registry`);
    const spec = `${npmPackage}@${version}`;
    const [packed] = packOutput.parse(JSON.parse(await run("npm", ["pack", spec, "--json", "--pack-destination", work], work)));
    await run("tar", ["-xzf", path.join(work, packed!.filename), "-C", work, `package/${binaryInPackage}`]);
    await mkdir(path.dirname(binary), { recursive: true });
    await rename(path.join(work, "package", binaryInPackage), binary);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return binary;
}
