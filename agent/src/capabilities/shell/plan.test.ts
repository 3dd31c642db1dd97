import { describe, expect, it } from "vitest";
import { linuxShellPlan, loginShell, windowsShellPlan, type LinuxProbe } from "./plan";

const probe = (files: string[], passwd?: string, env: Record<string, string | undefined> = {}): LinuxProbe => ({ passwdShell: () => passwd, env, exists: (file) => files.includes(file) });

describe("the Linux shell", () => {
  it("is the login shell from the password database, else $SHELL, else /bin/sh", () => {
    expect(loginShell(probe(["/bin/zsh", "/bin/bash"], "/bin/zsh", { SHELL: "/bin/bash" }))).toBe("/bin/zsh");
    expect(loginShell(probe(["/bin/bash", "/usr/sbin/nologin"], "/usr/sbin/nologin", { SHELL: "/bin/bash" }))).toBe("/bin/bash");
    expect(loginShell(probe([], "/bin/fish", { SHELL: "relative-shell" }))).toBe("/bin/sh");
  });

  it("runs under a pty through script, with a constant command and the size in the environment", () => {
    const plan = linuxShellPlan({ cols: 132, rows: 40 }, probe(["/usr/bin/script", "/bin/bash"], "/bin/bash"));
    expect(plan.file).toBe("/usr/bin/script");
    expect(plan.args[0]).toBe("-qfc");
    expect(plan.args[1]).not.toMatch(/bash|132|40/);
    expect(plan.args[2]).toBe("/dev/null");
    expect(plan.env).toMatchObject({ RMM_SHELL_PATH: "/bin/bash", RMM_SHELL_COLS: "132", RMM_SHELL_ROWS: "40", SHELL: "/bin/sh", TERM: "xterm-256color" });
    expect(plan.description).toBe("/bin/bash (pty via script)");
  });

  it("falls back to pipes without script, and says so", () => {
    const plan = linuxShellPlan({ cols: 80, rows: 24 }, probe(["/bin/bash"], "/bin/bash"));
    expect(plan).toMatchObject({ file: "/bin/bash", args: ["-i"], description: "/bin/bash (pipes, no pty)" });
  });
});

describe("the Windows shell", () => {
  it("is PowerShell by full path reading commands from stdin", () => {
    const plan = windowsShellPlan({ SystemRoot: "C:\\Windows" });
    expect(plan.file).toBe("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
    expect(plan.args.slice(-2)).toEqual(["-Command", "-"]);
    expect(plan.description).toContain("pipes");
    expect(plan.initialInput).toMatch(/^\[Console\]::OutputEncoding = \[System\.Text\.Encoding\]::UTF8/);
  });
});
