import { describe, expect, it } from "vitest";
import { CommandError } from "../command-error";
import { preferredOrFallback } from "./fallback";

const fails = (error: Error) => async (): Promise<string> => {
  throw error;
};

describe("preferred source or fallback", () => {
  it("uses the preferred source when it is available, without touching the fallback", async () => {
    expect(await preferredOrFallback(async () => undefined, async () => "systemd", fails(new Error("must not run")))).toBe("systemd");
  });

  it("uses the fallback when the preferred source names why it is missing", async () => {
    expect(await preferredOrFallback(async () => "no systemd", fails(new Error("must not run")), async () => "sysv")).toBe("sysv");
  });

  it("names both reasons when neither can answer, and passes other failures on as they are", async () => {
    await expect(preferredOrFallback(async () => "no journal", fails(new Error("x")), fails(new CommandError("unsupported", "dmesg refused")))).rejects.toMatchObject({
      code: "unsupported",
      message: "no journal; dmesg refused",
    });
    await expect(preferredOrFallback(async () => "no journal", fails(new Error("x")), fails(new CommandError("denied", "not root")))).rejects.toMatchObject({ code: "denied", message: "not root" });
  });
});
