import { defineConfig } from "drizzle-kit";

// Migrations are generated offline into drizzle/ and applied at start-up by the launcher.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/server/db/schema/index.ts",
  out: "./drizzle",
});
