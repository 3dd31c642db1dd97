import { describe, expect, it } from "vitest";
import { securityHeaders } from "./security-headers";

describe("securityHeaders", () => {
  it("allows only scripts carrying this request's nonce, never inline scripts, and a fresh nonce each time", () => {
    const first = securityHeaders("http://rmm.local:3000");
    const second = securityHeaders("http://rmm.local:3000");
    const scriptSrc = first.response["content-security-policy"]!.split("; ").find((directive) => directive.startsWith("script-src"))!;
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{20,}'/);
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(first.requestCsp).toBe(first.response["content-security-policy"]);
    expect(second.requestCsp).not.toBe(first.requestCsp);
    expect(first.response["content-security-policy"]).toContain("frame-ancestors 'none'");
  });

  it("adds HSTS only when the product is served over https", () => {
    expect(securityHeaders("http://rmm.local:3000").response["strict-transport-security"]).toBeUndefined();
    expect(securityHeaders("https://rmm.example.com").response["strict-transport-security"]).toMatch(/max-age=\d+/);
  });
});
