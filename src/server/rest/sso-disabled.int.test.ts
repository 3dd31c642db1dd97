/** Without SSO_SECRET the SSO endpoint does not exist. (Own file: configuration is per process.) */
import { describe, expect, it } from "vitest";

describe("GET /auth/sso without SSO_SECRET", () => {
  it("answers 404", async () => {
    delete process.env.SSO_SECRET;
    Object.assign(process.env, { AUTH_SECRET: "y".repeat(48), DATABASE_URL: "postgres://unused@127.0.0.1:1/none" });
    const { GET } = await import("../../app/auth/sso/route");
    const response = await GET(new Request(`http://localhost/auth/sso?username=a&ts=${Date.now()}&sig=${"0".repeat(64)}`));
    expect(response.status).toBe(404);
  });
});
