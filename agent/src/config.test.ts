import { describe, expect, it } from "vitest";
import { serverConfig } from "./config";

describe("server.json schema", () => {
  it("accepts a WebSocket gateway URL with an enrollment token", () => {
    const config = { gatewayUrl: "wss://rmm.example.com:8443/agent", enrollmentToken: "tok" };
    expect(serverConfig.parse(config)).toEqual(config);
  });

  it("accepts a config without token (the agent has enrolled already)", () => {
    expect(serverConfig.safeParse({ gatewayUrl: "ws://10.0.0.5:8081" }).success).toBe(true);
  });

  it.each(["https://rmm.example.com", "rmm.example.com", ""])("rejects the gateway URL %j", (gatewayUrl) => {
    expect(serverConfig.safeParse({ gatewayUrl, enrollmentToken: "tok" }).success).toBe(false);
  });

  it("rejects an empty token", () => {
    expect(serverConfig.safeParse({ gatewayUrl: "ws://h", enrollmentToken: "" }).success).toBe(false);
  });
});
