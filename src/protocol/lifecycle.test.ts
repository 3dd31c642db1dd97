import { describe, expect, it } from "vitest";
import { agentReleaseManifest, agentUpdateUrl } from "./lifecycle";
import { parseServerMessage } from "./parse";

const sha256 = "a".repeat(64);

describe("agent self-update messages", () => {
  it("downloads from the gateway the agent connects to, over TLS when its socket is", () => {
    expect(agentUpdateUrl("ws://rmm.example:3001/agent", "1.2.3")).toBe("http://rmm.example:3001/agent/update?version=1.2.3");
    expect(agentUpdateUrl("wss://rmm.example/rmm/agent/", "1.2.3-rc.1")).toBe("https://rmm.example/rmm/agent/update?version=1.2.3-rc.1");
  });

  it("accepts an offer with a version, a sha256 and a size, and refuses one without a proper hash", () => {
    const offer = { type: "agent-update-available", version: "0.2.0", sha256, size: 100 * 1024 ** 2 };
    expect(parseServerMessage(JSON.stringify(offer))).toMatchObject({ ok: true, message: offer });
    expect(parseServerMessage(JSON.stringify({ ...offer, sha256: "ABC" }))).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(parseServerMessage(JSON.stringify({ ...offer, version: "../../etc" }))).toMatchObject({ ok: false, error: { code: "invalid" } });
  });
});

describe("the release manifest", () => {
  const manifest = { version: "0.2.0", files: [{ platform: "linux", file: "rmm-agent", sha256, size: 1 }] };

  it("names plain files in agent/dist only", () => {
    expect(agentReleaseManifest.safeParse(manifest).success).toBe(true);
    for (const file of ["..", "../server.json", "/etc/passwd", ".hidden", "a/b"]) {
      expect(agentReleaseManifest.safeParse({ ...manifest, files: [{ ...manifest.files[0], file }] }).success).toBe(false);
    }
  });
});
