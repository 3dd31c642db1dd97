import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePowerShellJson } from "../../platform/powershell";
import { toCrashRecords, toDumps, windowsCrashOutput } from "./windows-parse";

const output = parsePowerShellJson(readFileSync(new URL("./fixtures/windows-crashes.json", import.meta.url), "utf8"), windowsCrashOutput);

describe("Windows crash script output", () => {
  it("reads bugcheck code and parameters from each BugCheck event, skipping one without them", () => {
    expect(toCrashRecords(output)).toEqual([
      {
        at: "2024-11-20T03:14:07.555Z",
        bugcheckCode: "0x0000009f",
        parameters: ["0x0000000000000003", "0xffffc00c0c7b9060", "0xffffd000e2c5f8b0", "0xffffc00c12a6e010"],
        dumpFile: "C:\\Windows\\Minidump\\112024-10234-01.dmp",
      },
      { at: "2024-10-02T22:41:00.000Z", bugcheckCode: "0x00000133", parameters: ["0x0000000000000001", "0x0000000000001e00", "0xfffff80453efb320", "0x0000000000000000"] },
    ]);
  });

  it("lists the minidumps, a single one included", () => {
    expect(toDumps(output)).toEqual([{ name: "112024-10234-01.dmp", sizeBytes: 2457704, modifiedAt: "2024-11-20T03:14:30.000Z" }]);
    expect(toDumps(parsePowerShellJson('{"events":null,"dumps":null}', windowsCrashOutput))).toEqual([]);
  });
});
