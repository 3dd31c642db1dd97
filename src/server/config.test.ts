import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

describe("parseConfig", () => {
  it("applies the documented defaults", () => {
    const config = parseConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.GATEWAY_PORT).toBe(3001);
    expect(config.RMM_DATA_DIR).toBe("./.data");
    expect(config.publicUrl).toBe("http://localhost:3000");
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.RMM_PRESENCE_TIMEOUT_MS).toBe(15_000);
    expect(config.AUDIT_RETENTION_DAYS).toBe(365);
    expect(config.AGENT_UPDATE_DELAY_HOURS).toBe(24);
  });

  it.each([
    ["PORT", "eighty"],
    ["GATEWAY_PORT", "70000"],
    ["DATABASE_URL", "mysql://x"],
    ["PUBLIC_URL", "ftp://example.com"],
    ["RMM_ADMIN_PASSWORD", "short"],
    ["RMM_ADMIN_USERNAME", "has space"],
    ["SSO_SECRET", "tiny"],
    ["AUTH_SECRET", "too-short"],
    ["RMM_PRESENCE_TIMEOUT_MS", "500"],
    ["AUDIT_RETENTION_DAYS", "0"],
    ["AUDIT_RETENTION_DAYS", "1.5"],
    ["AUDIT_RETENTION_DAYS", "forever"],
    ["AGENT_UPDATE_DELAY_HOURS", "-1"],
    ["AGENT_UPDATE_DELAY_HOURS", "soon"],
    ["GATEWAY_RELAY_URL", "ws://127.0.0.1:3001"],
  ])("stops with a message naming %s when it is bad", (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(`\\b${name}\\b`));
  });

  it("derives the public URL from PUBLIC_URL without a trailing slash", () => {
    expect(parseConfig({ PUBLIC_URL: "https://rmm.example.com/" }).publicUrl).toBe("https://rmm.example.com");
  });

  it("points the file relay at the gateway's own port, on loopback when it listens everywhere", () => {
    expect(parseConfig({}).gatewayRelayUrl).toBe("http://127.0.0.1:3001");
    expect(parseConfig({ HOST: "10.0.0.5", GATEWAY_PORT: "4001" }).gatewayRelayUrl).toBe("http://10.0.0.5:4001");
    expect(parseConfig({ HOST: "fd00::5" }).gatewayRelayUrl).toBe("http://[fd00::5]:3001");
    expect(parseConfig({ GATEWAY_RELAY_URL: "https://gw1.internal:8443/" }).gatewayRelayUrl).toBe("https://gw1.internal:8443");
  });

  it("reads the audit retention in days", () => {
    expect(parseConfig({ AUDIT_RETENTION_DAYS: "30" }).AUDIT_RETENTION_DAYS).toBe(30);
  });

  it("treats empty variables as unset", () => {
    expect(parseConfig({ PORT: "", DATABASE_URL: "" }).PORT).toBe(3000);
  });
});
