import type { NextConfig } from "next";
import { SPEC000_PREFIXES } from "./src/server/api/surfaces/spec000-prefixes";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // `npm run typecheck` checks types (CI runs it); `npm start` should not pay for it again.
  typescript: { ignoreBuildErrors: true },
  // Native or connection-holding modules stay outside the bundle; so does rate-limiter-flexible, whose
  // index loads every store it supports, one of them importing a module by a computed name.
  serverExternalPackages: ["@node-rs/argon2", "postgres", "rate-limiter-flexible", "ssh2"],
  // Tactical RMM's paths end in a slash and clients send both forms; the dispatcher accepts both.
  skipTrailingSlashRedirect: true,
  // forbidden() and forbidden.tsx: a page above the user's role answers 403.
  experimental: { authInterrupts: true },
  async rewrites() {
    // Spec 000 lives at root paths; its one dispatcher is mounted at /api/rmm.
    return {
      beforeFiles: SPEC000_PREFIXES.flatMap((prefix) => [
        { source: `/${prefix}`, destination: `/api/rmm/${prefix}` },
        { source: `/${prefix}/:path*`, destination: `/api/rmm/${prefix}/:path*` },
      ]),
      afterFiles: [],
      fallback: [],
    };
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
