/**
 * The JSON the Windows crash script prints: BugCheck events (System log, id 1001 of
 * WER-SystemErrorReporting) and the minidump folder. The event's first property is the bugcheck
 * as "0x0000009f (0x..., 0x..., 0x..., 0x...)" in every language, unlike its message.
 */
import { z } from "zod";
import type { CrashRecord, CrashSummary } from "../../../../src/protocol";
import { psArray, psOptionalString } from "../../platform/ps-json";

export const windowsCrashOutput = z.object({
  events: psArray(z.object({ TimeCreated: z.string(), BugCheck: psOptionalString, DumpFile: psOptionalString })),
  dumps: psArray(z.object({ Name: z.string().min(1), Length: z.number().int().nonnegative(), LastWriteTime: z.string() })),
});

const BUGCHECK = /^(0x[0-9a-f]+)\s*(?:\(([^)]*)\))?/i;

export function toCrashRecords(output: z.output<typeof windowsCrashOutput>): CrashRecord[] {
  const crashes: CrashRecord[] = [];
  for (const event of output.events) {
    const at = new Date(event.TimeCreated);
    const match = BUGCHECK.exec(event.BugCheck ?? "");
    if (Number.isNaN(at.getTime()) || !match) continue;
    const parameters = match[2]?.split(",").map((parameter) => parameter.trim()).filter(Boolean).slice(0, 4);
    crashes.push({
      at: at.toISOString(),
      bugcheckCode: match[1]!.toLowerCase(),
      ...(parameters?.length ? { parameters } : {}),
      ...(event.DumpFile ? { dumpFile: event.DumpFile.slice(0, 1024) } : {}),
    });
  }
  return crashes;
}

export function toDumps(output: z.output<typeof windowsCrashOutput>): NonNullable<CrashSummary["dumps"]> {
  return output.dumps
    .flatMap((dump) => {
      const modified = new Date(dump.LastWriteTime);
      return Number.isNaN(modified.getTime()) ? [] : [{ name: dump.Name.slice(0, 260), sizeBytes: dump.Length, modifiedAt: modified.toISOString() }];
    })
    .sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt))
    .slice(0, 1_000);
}
