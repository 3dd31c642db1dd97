/**
 * Windows host inventory and load through fixed PowerShell scripts reading
 * CIM classes (raw perf counters, so names do not depend on the OS language).
 */
import type { SystemLoad } from "../../../../src/protocol";
import { runPowerShellJson } from "../../platform/powershell";
import { SAMPLE_WINDOW_MS } from "../../util";
import type { HostDescription, SystemInfoCapability } from "./index";
import { toHostDescription, toSystemLoad, windowsHostOutput, windowsLoadOutput } from "./windows-parse";

/** Local fixed disks (DriveType 3), shared by both scripts. */
const READ_DISKS = `
$disks = @(Get-CimInstance -ClassName Win32_LogicalDisk -Filter 'DriveType=3' | ForEach-Object {
  [pscustomobject]@{ mount = $_.DeviceID; totalBytes = $_.Size; freeBytes = $_.FreeSpace; fsType = $_.FileSystem }
})
`;

const DESCRIBE_HOST_SCRIPT = `${READ_DISKS}
$os = Get-CimInstance -ClassName Win32_OperatingSystem
$computer = Get-CimInstance -ClassName Win32_ComputerSystem
ConvertTo-Json -Compress -Depth 3 -InputObject ([pscustomobject]@{
  caption = $os.Caption; version = $os.Version; userName = $computer.UserName; disks = $disks
})
`;

const SAMPLE_LOAD_SCRIPT = `
function Read-Counters {
  $cpu = Get-CimInstance -ClassName Win32_PerfRawData_PerfOS_Processor -Filter "Name='_Total'"
  $net = @(Get-CimInstance -ClassName Win32_PerfRawData_Tcpip_NetworkInterface)
  [pscustomobject]@{
    idleTime = $cpu.PercentProcessorTime
    timestamp = $cpu.Timestamp_Sys100NS
    rxBytes = [double](($net | Measure-Object -Property BytesReceivedPersec -Sum).Sum)
    txBytes = [double](($net | Measure-Object -Property BytesSentPersec -Sum).Sum)
  }
}
$first = Read-Counters
Start-Sleep -Milliseconds ([int]$env:RMM_ARG_WINDOW_MS)
$second = Read-Counters
$os = Get-CimInstance -ClassName Win32_OperatingSystem
${READ_DISKS}
ConvertTo-Json -Compress -Depth 3 -InputObject ([pscustomobject]@{
  first = $first; second = $second
  totalMemoryKb = $os.TotalVisibleMemorySize; freeMemoryKb = $os.FreePhysicalMemory; disks = $disks
})
`;

async function describeHost(): Promise<HostDescription> {
  return toHostDescription(await runPowerShellJson(DESCRIBE_HOST_SCRIPT, windowsHostOutput));
}

async function sampleLoad(): Promise<SystemLoad> {
  const output = await runPowerShellJson(SAMPLE_LOAD_SCRIPT, windowsLoadOutput, {
    args: { WINDOW_MS: String(SAMPLE_WINDOW_MS) },
  });
  return toSystemLoad(output);
}

export const windowsSystemInfo: SystemInfoCapability = { describeHost, sampleLoad };
