/** Without SSO_SECRET the SSO endpoint does not exist. (Own file: configuration is per process.) */
import { describe, expect, it } from "vitest";

describe("GET /auth/sso without SSO_SECRET", () => {
  it("answers 404 in spec 000's error shape", async () => {
    delete process.env.SSO_SECRET;
    Object.assign(process.env, { AUTH_SECRET: "y".repeat(48), DATABASE_URL: "postgres://unused@127.0.0.1:1/none" });
    const { spec000Handler } = await import("../handlers");
    const response = await spec000Handler(new Request(`http://localhost/auth/sso?username=a&ts=${Date.now()}&sig=${"0".repeat(64)}`));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "Not found" });
  });
});
