/**
 * Fetches files shipped inside npm packages (`npm pack`, so only the npm registry is needed) into
 * agent/.cache/, once per version: the official Node binaries, and the Windows service host.
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

/** Paths of the cached files (by base name, in the order asked), downloading and extracting them first if needed. */
export async function ensurePackageFiles(npmPackage: string, version: string, filesInPackage: string[], cacheDir: string, log: (line: string) => void): Promise<string[]> {
  const folder = path.join(cacheDir, `${npmPackage}-${version}`);
  const cached = filesInPackage.map((file) => path.join(folder, path.basename(file)));
  if ((await Promise.all(cached.map(exists))).every(Boolean)) return cached;

  // Work in a private folder and rename at the end, so an interrupted or concurrent build never sees half a file.
  const work = path.join(cacheDir, `.fetch-${npmPackage}-${process.pid}`);
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  try {
    log(`fetching ${npmPackage}@${version} from the npm registry`);
    const spec = `${npmPackage}@${version}`;
    const [packed] = packOutput.parse(JSON.parse(await run("npm", ["pack", spec, "--json", "--pack-destination", work], work)));
    await run("tar", ["-xzf", path.join(work, packed!.filename), "-C", work, ...filesInPackage.map((file) => `package/${file}`)]);
    await mkdir(folder, { recursive: true });
    for (const [index, file] of filesInPackage.entries()) await rename(path.join(work, "package", file), cached[index]!);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return cached;
}

/** Path of the cached Node binary. */
export async function ensureNodeBinary({ npmPackage, binaryInPackage }: NodeDistribution, version: string, cacheDir: string, log: (line: string) => void): Promise<string> {
  const [binary] = await ensurePackageFiles(npmPackage, version, [binaryInPackage], cacheDir, log);
  return binary!;
}
