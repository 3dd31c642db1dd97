/**
 * Node single-executable steps: generate the blob from the bundle, then
 * copy a Node binary (without its now-invalid signature) and inject the
 * blob with postject.
 */
import { chmod, copyFile, readFile, rename, rm, writeFile } from "node:fs/promises";
import { inject } from "postject";
import { run } from "./run";
import { SEA_SENTINEL_FUSE } from "./targets";

/**
 * Code cache and snapshots are specific to the platform that generates
 * them; without them the blob made on Linux also runs in node.exe.
 * `assets` (key -> file) are read at run time with node:sea's getRawAsset.
 */
export async function writeSeaBlob(nodeBinary: string, bundlePath: string, blobPath: string, assets: Record<string, string> = {}): Promise<void> {
  const configPath = `${blobPath}.config.json`;
  const config = { main: bundlePath, output: blobPath, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false, assets };
  await writeFile(configPath, JSON.stringify(config, null, 2));
  await run(nodeBinary, ["--experimental-sea-config", configPath]);
}

/** True when the signature was removed, false when osslsigncode is not installed. */
async function copyUnsigned(source: string, destination: string): Promise<boolean> {
  try {
    await run("osslsigncode", ["remove-signature", "-in", source, "-out", destination]);
    return true;
  } catch (error) {
    if ((error as { cause?: NodeJS.ErrnoException }).cause?.code !== "ENOENT") throw error;
    await copyFile(source, destination);
    return false;
  }
}

export interface ExecutableSpec {
  baseBinary: string;
  blobPath: string;
  output: string;
  signed: boolean;
}

export async function makeSingleExecutable(
  { baseBinary, blobPath, output, signed }: ExecutableSpec,
  log: (line: string) => void,
): Promise<void> {
  const temporary = `${output}.${process.pid}.tmp`;
  await rm(temporary, { force: true });
  try {
    if (signed && !(await copyUnsigned(baseBinary, temporary))) {
      log("warning: osslsigncode not found; the executable keeps a broken Authenticode signature");
    } else if (!signed) {
      await copyFile(baseBinary, temporary);
    }
    // On the Linux binary postject prints "Can't find string offset for section name '.note.100'"
    // several times; it is harmless (nodejs/postject#83) and the executable works.
    await inject(temporary, "NODE_SEA_BLOB", await readFile(blobPath), { sentinelFuse: SEA_SENTINEL_FUSE });
    await chmod(temporary, 0o755);
    await rename(temporary, output);
  } finally {
    await rm(temporary, { force: true });
  }
}
