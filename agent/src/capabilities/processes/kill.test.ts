import { describe, expect, it } from "vitest";
import { processKiller, type KillSystem } from "./kill";

const errno = (code: string) => Object.assign(new Error(code), { code });

/** A machine with one running process (100), one that has exited but is still listed (200), and pid 1 owned by root. */
function fakeSystem(): KillSystem & { killed: number[] } {
  const killed: number[] = [];
  return {
    killed,
    ownPid: 42,
    hasExited: async (pid) => pid === 200,
    sendKill(pid) {
      if (pid === 1) throw errno("EPERM");
      if (pid !== 100 && pid !== 200) throw errno("ESRCH");
      killed.push(pid);
    },
  };
}

describe("ending a process", () => {
  it("kills a running process", async () => {
    const system = fakeSystem();
    await processKiller(system)(100);
    expect(system.killed).toEqual([100]);
  });

  it("answers not-found for a process that has already exited, without signalling it", async () => {
    const system = fakeSystem();
    await expect(processKiller(system)(200)).rejects.toMatchObject({ code: "not-found", message: "no running process with id 200" });
    expect(system.killed).toEqual([]);
  });

  it("answers not-found for a pid that no longer exists", async () => {
    await expect(processKiller(fakeSystem())(300)).rejects.toMatchObject({ code: "not-found" });
  });

  it("answers denied for a process it may not signal, and for the agent itself", async () => {
    const system = fakeSystem();
    await expect(processKiller(system)(1)).rejects.toMatchObject({ code: "denied" });
    await expect(processKiller(system)(42)).rejects.toMatchObject({ code: "denied" });
    expect(system.killed).toEqual([]);
  });

  it("lets an unexpected failure through", async () => {
    const system = { ...fakeSystem(), sendKill: () => { throw errno("EINVAL"); } };
    await expect(processKiller(system)(100)).rejects.toThrow("EINVAL");
  });
});
