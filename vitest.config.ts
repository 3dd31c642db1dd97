import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Two kinds of vitest tests, told apart by file name (see README, "Tests"):
//   *.test.ts      unit tests, no I/O beyond the process itself
//   *.int.test.ts  integration tests against a real embedded PostgreSQL
const alias = { "@": fileURLToPath(new URL("./src", import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "agent/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["src/**/*.int.test.ts", "agent/**/*.int.test.ts"],
          environment: "node",
          globalSetup: ["./src/test/global-postgres.ts"],
          // Services that seal TOTP secrets need the key the launcher gives every server process.
          env: { AUTH_SECRET: "integration-tests-auth-secret-not-for-production" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
