/**
 * Response headers for every page and answer: a Content-Security-Policy whose scripts must carry
 * this request's nonce (Next reads the nonce from the request's own CSP header and stamps it on
 * the scripts it renders; no 'unsafe-inline' scripts), and HSTS when the product is served over
 * https. Other static headers are in next.config.ts.
 */
import { randomBytes } from "node:crypto";

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // React sets style attributes (meters, widths); styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(publicUrl: string): { requestCsp: string; response: Record<string, string> } {
  const csp = contentSecurityPolicy(randomBytes(16).toString("base64"));
  const response: Record<string, string> = { "content-security-policy": csp };
  if (publicUrl.startsWith("https:")) response["strict-transport-security"] = "max-age=31536000; includeSubDomains";
  return { requestCsp: csp, response };
}
