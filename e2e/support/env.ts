/** Where the end-to-end product runs and with which credentials (shared by config, setup and specs). */
const port = Number(process.env.E2E_PORT ?? 39310);

export const E2E = {
  port,
  gatewayPort: port + 1,
  baseUrl: `http://127.0.0.1:${port}`,
  chromiumPath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  admin: { username: "admin", password: "e2e-admin-password" },
  ssoSecret: "e2e-sso-secret-0123456789abcdef",
} as const;
