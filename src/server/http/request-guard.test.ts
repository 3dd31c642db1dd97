import { describe, expect, it } from "vitest";
import { DEFAULT_BODY_LIMIT_BYTES as BODY_LIMIT_BYTES, MULTIPART_OVERHEAD_BYTES } from "./body-limits";
import { clientAddress, guardRequest as guardWith } from "./request-guard";

const publicUrl = "https://rmm.example.com";
const limits = { FILE_UPLOAD_MAX_BYTES: 100 * 1024 * 1024, FILE_UPLOAD_JSON_MAX_BYTES: 8 * 1024 * 1024 };
const guardRequest = (facts: Parameters<typeof guardWith>[0], url: string) => guardWith(facts, url, limits);
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

  it("gives the two file uploads their configured limits, and only for POST", () => {
    const length = (bytes: number) => ({ "content-length": String(bytes) });
    const multipart = (bytes: number) => guardRequest(facts({ pathname: "/api/agents/a1/files", headers: length(bytes) }), publicUrl);
    expect(multipart(100 * 1024 * 1024 + MULTIPART_OVERHEAD_BYTES)).toBeNull();
    expect(multipart(100 * 1024 * 1024 + MULTIPART_OVERHEAD_BYTES + 1)).toMatchObject({ status: 413 });
    expect(guardRequest(facts({ pathname: "/files/a1/upload", headers: length(8 * 1024 * 1024) }), publicUrl)).toBeNull();
    expect(guardRequest(facts({ pathname: "/api/rmm/files/a1/upload", headers: length(8 * 1024 * 1024 + 1) }), publicUrl)).toMatchObject({ status: 413 });
    expect(guardRequest(facts({ pathname: "/files/a1/list", headers: length(2 * 1024 * 1024) }), publicUrl)).toMatchObject({ status: 413 });
    expect(guardRequest(facts({ method: "PUT", pathname: "/api/agents/a1/files", headers: length(2 * 1024 * 1024) }), publicUrl)).toMatchObject({ status: 413 });
  });
});
