/** Windows crash history through a fixed PowerShell script: BugCheck events and the minidump folder. */
import { runPowerShellJson } from "../../platform/powershell";
import type { CrashCapability } from "./index";
import { toSummary } from "./summary";
import { toCrashRecords, toDumps, windowsCrashOutput } from "./windows-parse";

const CRASH_SCRIPT = `
$filter = @{ LogName = 'System'; Id = 1001; ProviderName = 'Microsoft-Windows-WER-SystemErrorReporting' }
$events = @(Get-WinEvent -FilterHashtable $filter -MaxEvents 500 -ErrorAction SilentlyContinue | Select-Object @{ n = 'TimeCreated'; e = { $_.TimeCreated.ToUniversalTime().ToString('o') } }, @{ n = 'BugCheck'; e = { [string]$_.Properties[0].Value } }, @{ n = 'DumpFile'; e = { [string]$_.Properties[1].Value } })
$dumps = @(Get-ChildItem -LiteralPath (Join-Path $env:SystemRoot 'Minidump') -Filter '*.dmp' -File -ErrorAction SilentlyContinue | Select-Object Name, Length, @{ n = 'LastWriteTime'; e = { $_.LastWriteTimeUtc.ToString('o') } })
ConvertTo-Json -Compress -Depth 3 -InputObject ([pscustomobject]@{ events = $events; dumps = $dumps })
`;

export const windowsCrashes: CrashCapability = {
  async summary() {
    const output = await runPowerShellJson(CRASH_SCRIPT, windowsCrashOutput, { timeoutMs: 120_000 });
    return toSummary(toCrashRecords(output), new Date(), toDumps(output));
  },
};
