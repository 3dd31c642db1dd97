import { describe, expect, it } from "vitest";
import { linuxInstallCommand, windowsInstallCommand } from "./install-commands";

describe("install one-liners", () => {
  it("pipes the deployment's install script to a root shell on Linux", () => {
    expect(linuxInstallCommand("https://rmm.example.com/api/agents/install-script?key=abc")).toBe("curl -fsSL 'https://rmm.example.com/api/agents/install-script?key=abc' | sudo sh");
  });

  it("downloads, unpacks and installs the service on Windows", () => {
    const command = windowsInstallCommand("https://rmm.example.com/api/v3/agents/deployments/abc/download/");
    expect(command).toContain("Invoke-WebRequest -UseBasicParsing 'https://rmm.example.com/api/v3/agents/deployments/abc/download/'");
    expect(command).toMatch(/Expand-Archive .*; & ".*rmm-agent\.exe" install$/);
  });
});
