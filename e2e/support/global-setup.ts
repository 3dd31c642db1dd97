/**
 * Starts the product exactly as `npm start` does (the launcher, which builds when needed and runs
 * embedded PostgreSQL, web and gateway) in a fresh data folder, and stops it after the run. What
 * it prints goes to a file too, which specs read through product-log.ts.
 */
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { E2E } from "./env";
import { PRODUCT_LOG_VARIABLE } from "./product-log";

const START_TIMEOUT_MS = 8 * 60_000; // includes a production build on a fresh clone

export default async function globalSetup() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "rmm-e2e-"));
  const logFile = path.join(dataDir, "product-output.log");
  const log = createWriteStream(logFile);
  // Set before the workers start, so every spec inherits it.
  process.env[PRODUCT_LOG_VARIABLE] = logFile;
  const launcher = spawn(process.execPath, ["--import", "tsx", "src/launcher/main.ts"], {
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
    env: {
      ...process.env,
      PORT: String(E2E.port),
      GATEWAY_PORT: String(E2E.gatewayPort),
      RMM_DATA_DIR: dataDir,
      RMM_ADMIN_USERNAME: E2E.admin.username,
      RMM_ADMIN_PASSWORD: E2E.admin.password,
      SSO_SECRET: E2E.ssoSecret,
      PUBLIC_URL: E2E.baseUrl,
      DATABASE_URL: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });

  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the product did not start in time:\n${output}`)), START_TIMEOUT_MS);
    const collect = (chunk: Buffer) => {
      log.write(chunk);
      output += chunk.toString();
      if (output.includes("RMM dashboard:")) {
        clearTimeout(timer);
        resolve();
      }
    };
    launcher.stdout.on("data", collect);
    launcher.stderr.on("data", collect);
    launcher.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the launcher exited (${code}) during start-up:\n${output}`));
    });
  });
  launcher.stdout.resume();
  launcher.stderr.resume();

  return async () => {
    const exited = new Promise((resolve) => launcher.once("exit", resolve));
    launcher.kill("SIGTERM");
    await exited;
    await new Promise((resolve) => log.end(resolve));
    await rm(dataDir, { recursive: true, force: true });
  };
}
