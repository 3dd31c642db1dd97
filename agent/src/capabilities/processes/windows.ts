/**
 * Windows process list through a fixed PowerShell script (CIM classes, so
 * counter names do not depend on the OS language). Kill is shared with Linux.
 */
import type { ProcessInfo } from "../../../../src/protocol";
import { runPowerShellJson } from "../../platform/powershell";
import { SAMPLE_WINDOW_MS } from "../../util";
import type { ProcessCapability } from "./index";
import { nodeKillSystem, processKiller } from "./kill";
import { toProcessList, windowsProcessOutput } from "./windows-parse";

const LIST_PROCESSES_SCRIPT = `
function Read-ProcessTimes {
  Get-CimInstance -ClassName Win32_PerfRawData_PerfProc_Process |
    Where-Object { $_.Name -ne '_Total' -and $_.Name -ne 'Idle' } |
    Select-Object IDProcess, PercentProcessorTime, Timestamp_Sys100NS
}
$first = @(Read-ProcessTimes)
Start-Sleep -Milliseconds ([int]$env:RMM_ARG_WINDOW_MS)
$second = @(Read-ProcessTimes)
$processes = @(Get-CimInstance -ClassName Win32_Process |
  Select-Object ProcessId, ParentProcessId, Name, CommandLine, WorkingSetSize)
ConvertTo-Json -Compress -Depth 3 -InputObject ([pscustomobject]@{
  cores = [Environment]::ProcessorCount; first = $first; second = $second; processes = $processes
})
`;

async function list(): Promise<ProcessInfo[]> {
  const output = await runPowerShellJson(LIST_PROCESSES_SCRIPT, windowsProcessOutput, {
    args: { WINDOW_MS: String(SAMPLE_WINDOW_MS) },
  });
  return toProcessList(output);
}

// libuv answers ESRCH for a pid that is gone and for a process that exited while a handle keeps its pid.
export const windowsProcesses: ProcessCapability = { list, kill: processKiller(nodeKillSystem(async () => false)) };
