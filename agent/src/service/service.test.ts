import { describe, expect, it } from "vitest";
import { EXIT_CODES, exitCodeFor } from "../exit-codes";
import { systemdUnit } from "./linux";
import { delayedRemovalCommand, scFailureArgs, scRegisterArgs, serviceHostXml } from "./windows";

describe("systemd unit", () => {
  const unit = systemdUnit();

  it("starts the installed agent as a service once the network is up, at every boot", () => {
    expect(unit).toContain("ExecStart=/opt/rmm-agent/rmm-agent run --service\n");
    expect(unit).toContain("After=network-online.target\n");
    expect(unit).toContain("Wants=network-online.target\n");
    expect(unit).toContain("WantedBy=multi-user.target\n");
  });

  it("restarts it 5 s after any exit except the one that means the server removed it", () => {
    expect(unit).toContain("Restart=always\n");
    expect(unit).toContain("RestartSec=5\n");
    expect(unit).toContain(`RestartPreventExitStatus=${EXIT_CODES.revoked}\n`);
  });
});

describe("exit codes", () => {
  it("asks for a restart after an update with a code both service managers restart on", () => {
    expect(exitCodeFor("restart", "linux")).toBe(75);
    expect(exitCodeFor("restart", "win32")).toBe(75);
  });

  it("stops for good when revoked: 78 for systemd's RestartPreventExitStatus, a clean 0 for the Windows service host", () => {
    expect(exitCodeFor("revoked", "linux")).toBe(78);
    expect(exitCodeFor("revoked", "win32")).toBe(0);
  });
});

describe("Windows service registration", () => {
  const hostExe = "C:\\Program Files\\rmm-agent\\rmm-agent-service.exe";

  it("creates an automatic LocalSystem service whose program path is quoted", () => {
    expect(scRegisterArgs("create", hostExe)).toEqual([
      "create",
      "rmm-agent",
      "binPath=",
      '"C:\\Program Files\\rmm-agent\\rmm-agent-service.exe"',
      "start=",
      "auto",
      "obj=",
      "LocalSystem",
      "DisplayName=",
      "RMM agent",
    ]);
    expect(scRegisterArgs("config", hostExe)[0]).toBe("config");
  });

  it("restarts the service 5 s after every failure, counting afresh each day", () => {
    expect(scFailureArgs()).toEqual(["failure", "rmm-agent", "reset=", "86400", "actions=", "restart/5000/restart/5000/restart/5000"]);
  });

  it("has the service host run the agent with --service, the path escaped for XML", () => {
    const xml = serviceHostXml("C:\\Tools & More\\rmm-agent.exe");
    expect(xml).toContain("<id>rmm-agent</id>");
    expect(xml).toContain("<executable>C:\\Tools &amp; More\\rmm-agent.exe</executable>");
    expect(xml).toContain("<arguments>run --service</arguments>");
  });
});

describe("removal after the agent has exited (Windows)", () => {
  const env = { SystemRoot: "C:\\Windows" };

  it("waits, stops and deletes the service, then removes the folder, with every program by its full path", () => {
    const { file, args } = delayedRemovalCommand("C:\\Program Files\\rmm-agent", env, { deleteService: true });
    expect(file).toBe("C:\\Windows\\System32\\cmd.exe");
    expect(args).toEqual([
      "/d",
      "/s",
      "/c",
      '""C:\\Windows\\System32\\PING.EXE" -n 6 127.0.0.1 >nul & "C:\\Windows\\System32\\sc.exe" stop rmm-agent >nul & "C:\\Windows\\System32\\PING.EXE" -n 6 127.0.0.1 >nul & "C:\\Windows\\System32\\sc.exe" delete rmm-agent >nul & rmdir /s /q "C:\\Program Files\\rmm-agent""',
    ]);
  });

  it("only removes the folder when the service is already gone", () => {
    const { args } = delayedRemovalCommand("C:\\Program Files\\rmm-agent", env, { deleteService: false });
    expect(args.at(-1)).not.toContain("sc.exe");
    expect(args.at(-1)).toContain('rmdir /s /q "C:\\Program Files\\rmm-agent"');
  });

  it.each(['C:\\x" & del C:\\*', "C:\\a&b", "C:\\100%", "\\\\server\\share\\rmm-agent", "relative\\rmm-agent"])("refuses to build a command line around %s", (folder) => {
    expect(() => delayedRemovalCommand(folder, env, { deleteService: true })).toThrow(/not a plain local folder/);
  });
});
