import { describe, expect, it } from "vitest";
import { BODY_LIMIT_BYTES, clientAddress, guardRequest } from "./request-guard";

const publicUrl = "https://rmm.example.com";
const facts = (overrides: Partial<Parameters<typeof guardRequest>[0]> = {}) => ({ method: "POST", pathname: "/groups", headers: {}, socketAddress: "10.0.0.9", ...overrides });

describe("clientAddress", () => {
  it("is the socket's address unless a proxy is trusted", () => {
    expect(clientAddress({ headers: { "x-forwarded-for": "1.2.3.4" }, socketAddress: "::ffff:10.0.0.9" }, false)).toBe("10.0.0.9");
  });

  it("behind a trusted proxy, is the rightmost entry (the one the proxy appended), not a forged leftmost one", () => {
    expect(clientAddress({ headers: { "x-forwarded-for": "6.6.6.6, 203.0.113.7" }, socketAddress: "10.0.0.1" }, true)).toBe("203.0.113.7");
    expect(clientAddress({ headers: {}, socketAddress: "10.0.0.1" }, true)).toBe("10.0.0.1");
  });
});

describe("guardRequest", () => {
  it("lets an ordinary same-origin request through", () => {
    expect(guardRequest(facts({ headers: { origin: publicUrl, "content-length": "20" } }), publicUrl)).toBeNull();
  });

  it("refuses a cross-origin write in the shape of the surface it targets", () => {
    expect(guardRequest(facts({ headers: { origin: "https://evil.example" } }), publicUrl)).toMatchObject({ status: 403, body: { error: "Cross-origin request refused" } });
    expect(guardRequest(facts({ pathname: "/api/v1/agents/register", headers: { origin: "https://evil.example" } }), publicUrl)).toMatchObject({ status: 403, body: { status: "error", code: "FORBIDDEN" } });
    expect(guardRequest(facts({ pathname: "/api/v3/agents/x/", headers: { origin: "https://evil.example" } }), publicUrl)).toEqual({ status: 403, body: { detail: expect.stringMatching(/Cross-origin/) } });
  });

  it("answers 413 for a declared body over the limit, before reading it", () => {
    expect(guardRequest(facts({ headers: { "content-length": String(64 * 1024 * 1024) } }), publicUrl)).toMatchObject({ status: 413 });
    expect(guardRequest(facts({ headers: { "content-length": String(BODY_LIMIT_BYTES) } }), publicUrl)).toBeNull();
    expect(guardRequest(facts({ headers: { "content-length": "-1" } }), publicUrl)).toMatchObject({ status: 413 });
  });

  it("refuses a chunked body without a length (411), which could not be capped", () => {
    expect(guardRequest(facts({ headers: { "transfer-encoding": "chunked" } }), publicUrl)).toMatchObject({ status: 411 });
    expect(guardRequest(facts({ method: "GET", headers: { "transfer-encoding": "chunked" } }), publicUrl)).toBeNull();
  });
});
