import { describe, expect, it } from "vitest";
import { checkBrowserOrigin, checkOrigin } from "./origin-check";

const publicUrl = "https://rmm.example.com";

describe("checkOrigin", () => {
  it("lets safe methods through whatever their origin", () => {
    expect(checkOrigin({ method: "GET", origin: "https://evil.example", publicUrl }).allowed).toBe(true);
  });

  it("refuses a state-changing request from another origin", () => {
    expect(checkOrigin({ method: "POST", origin: "https://evil.example", host: "rmm.example.com", publicUrl }).allowed).toBe(false);
  });

  it("accepts the server's own origin, by Host or by PUBLIC_URL", () => {
    expect(checkOrigin({ method: "POST", origin: "http://10.0.0.5:3000", host: "10.0.0.5:3000", publicUrl }).allowed).toBe(true);
    expect(checkOrigin({ method: "DELETE", origin: "https://rmm.example.com", host: "internal:3000", publicUrl }).allowed).toBe(true);
  });

  it("accepts clients that send no Origin (curl, scripts) unless marked cross-site", () => {
    expect(checkOrigin({ method: "POST", publicUrl }).allowed).toBe(true);
    expect(checkOrigin({ method: "POST", secFetchSite: "cross-site", publicUrl }).allowed).toBe(false);
  });

  it("refuses an opaque or malformed origin", () => {
    expect(checkOrigin({ method: "POST", origin: "null", host: "rmm.example.com", publicUrl }).allowed).toBe(false);
  });

  it("applies the same rule to WebSocket upgrades", () => {
    expect(checkBrowserOrigin({ origin: "https://evil.example", host: "gw:3001", publicUrl }).allowed).toBe(false);
  });
});
