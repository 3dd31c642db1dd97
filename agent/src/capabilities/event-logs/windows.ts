/**
 * Windows event logs (System and Application) through fixed Get-WinEvent scripts. The levels, the
 * limit and the start time reach a script only as environment variables (platform/powershell.ts).
 */
import { runPowerShellJson } from "../../platform/powershell";
import type { EventLogCapability } from "./index";
import { WINDOWS_LEVELS } from "./levels";
import { toEventEntries, toEventStats, windowsCountsOutput, windowsEventsOutput } from "./windows-parse";

export const WINDOWS_LOGS = ["System", "Application"] as const;

// Get-WinEvent reports "no events were found" as an error; SilentlyContinue makes that an empty list.
const ENTRIES_SCRIPT = `
$levels = @($env:RMM_ARG_LEVELS -split ',' | ForEach-Object { [int]$_ })
$filter = @{ LogName = @('System', 'Application'); Level = $levels }
$events = @(Get-WinEvent -FilterHashtable $filter -MaxEvents ([int]$env:RMM_ARG_LIMIT) -ErrorAction SilentlyContinue |
  Select-Object RecordId, LogName, @{ n = 'TimeCreated'; e = { $_.TimeCreated.ToUniversalTime().ToString('o') } }, Id, Level, ProviderName, Message)
ConvertTo-Json -Compress -Depth 2 -InputObject $events
`;

const STATS_SCRIPT = `
$since = [DateTime]::Parse($env:RMM_ARG_SINCE, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::RoundtripKind).ToLocalTime()
$filter = @{ LogName = @('System', 'Application'); Level = @(0, 1, 2, 3, 4); StartTime = $since }
$counts = @(Get-WinEvent -FilterHashtable $filter -ErrorAction SilentlyContinue |
  Group-Object -Property { '{0}|{1}' -f $_.LogName, $_.Level } -NoElement | Select-Object Name, Count)
ConvertTo-Json -Compress -Depth 2 -InputObject $counts
`;

export const windowsEventLogs: EventLogCapability = {
  async stats(since) {
    const counts = await runPowerShellJson(STATS_SCRIPT, windowsCountsOutput, { args: { SINCE: since.toISOString() }, timeoutMs: 120_000 });
    return { logs: toEventStats(WINDOWS_LOGS, counts), since: since.toISOString(), collectedAt: new Date().toISOString() };
  },
  async entries(level, limit) {
    return toEventEntries(await runPowerShellJson(ENTRIES_SCRIPT, windowsEventsOutput, { args: { LEVELS: WINDOWS_LEVELS[level].join(","), LIMIT: String(limit) } }));
  },
};
