import { describe, expect, it } from "vitest";
import { windowsChat, TASK_PREFIX } from "./windows";

const ENV = { SystemRoot: "C:\\Windows" };
const URL_OK = "http://127.0.0.1:49731/Zm9vYmFyYmF6cXV4X3NlY3JldF9wYXJ0LWFiY2RlZg/";

function recorder(fail?: string) {
  const calls: { file: string; args: string[] }[] = [];
  const run = async (file: string, args: string[]) => {
    calls.push({ file, args });
    if (fail && args[0] === fail) throw new Error(`${fail} failed`);
    return "SUCCESS";
  };
  return { calls, run };
}

describe("windows chat window", () => {
  it("starts the browser as the logged-in user through a one-off interactive task, arguments as data, and removes the task", async () => {
    const { calls, run } = recorder();
    expect(await windowsChat(run, async () => "DESK-07\\alice", ENV).show(URL_OK)).toBe("opened");
    const schtasks = "C:\\Windows\\System32\\schtasks.exe";
    expect(calls.map((call) => call.file)).toEqual([schtasks, schtasks, schtasks]);
    const [create, runTask, remove] = calls.map((call) => call.args);
    const task = create![create!.indexOf("/tn") + 1]!;
    expect(task.startsWith(TASK_PREFIX)).toBe(true);
    expect(create).toEqual(["/create", "/tn", task, "/tr", `"C:\\Windows\\explorer.exe" "${URL_OK}"`, "/sc", "once", "/st", "00:00", "/ru", "DESK-07\\alice", "/it", "/f"]);
    expect(runTask).toEqual(["/run", "/tn", task]);
    expect(remove).toEqual(["/delete", "/tn", task, "/f"]);
  });

  it("removes the task even when starting it fails", async () => {
    const { calls, run } = recorder("/run");
    await expect(windowsChat(run, async () => "alice", ENV).show(URL_OK)).rejects.toThrow("/run failed");
    expect(calls.at(-1)?.args[0]).toBe("/delete");
  });

  it("does nothing when nobody is logged in, and never puts anything but a plain loopback address in the task", async () => {
    const { calls, run } = recorder();
    expect(await windowsChat(run, async () => null, ENV).show(URL_OK)).toBe("no-user");
    for (const bad of ['http://127.0.0.1:1/x" & calc & "/', "http://evil.example/abc/", "file:///C:/Windows/"]) {
      await expect(windowsChat(run, async () => "alice", ENV).show(bad)).rejects.toThrow(/loopback/);
    }
    expect(calls).toEqual([]);
  });
});
