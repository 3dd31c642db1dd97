import { defineConfig } from "@playwright/test";
import { E2E } from "./e2e/support/env";

// Browser and API flows against the real product (launcher, web, gateway, embedded PostgreSQL),
// started once by the global setup. Chromium is Debian's; Playwright never downloads a browser.
export default defineConfig({
  testDir: "./e2e",
  globalSetup: "./e2e/support/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL: E2E.baseUrl,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: E2E.chromiumPath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "api", testMatch: "api/**/*.spec.ts" },
    { name: "browser", testMatch: "browser/**/*.spec.ts", use: { browserName: "chromium", viewport: { width: 1440, height: 900 } } },
  ],
});
