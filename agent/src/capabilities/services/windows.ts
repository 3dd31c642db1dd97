/**
 * Windows services through fixed PowerShell scripts: Win32_Service for the list (StartMode is
 * only there), the service cmdlets to act. The name and the action reach the script only as
 * environment variables (platform/powershell.ts).
 */
import type { ServiceAction, ServiceInfo } from "../../../../src/protocol";
import { CommandError } from "../../command-error";
import { runPowerShellJson } from "../../platform/powershell";
import { errorMessage } from "../../util";
import type { ServiceCapability } from "./index";
import { isValidServiceName } from "./names";
import { windowsStatus } from "./status";
import { toServiceList, windowsManageOutput, windowsServiceOutput } from "./windows-parse";

const LIST_SERVICES_SCRIPT = `
$services = @(Get-CimInstance -ClassName Win32_Service | Select-Object Name, DisplayName, State, StartMode)
ConvertTo-Json -Compress -Depth 2 -InputObject $services
`;

// Without -Force, stopping a service others depend on fails with a message naming them instead of stopping those too.
const MANAGE_SERVICE_SCRIPT = `
$service = Get-Service -Name $env:RMM_ARG_SERVICE -ErrorAction SilentlyContinue
if (-not $service) { ConvertTo-Json -Compress -InputObject ([pscustomobject]@{ found = $false; status = $null }); exit 0 }
switch ($env:RMM_ARG_ACTION) {
  'start' { Start-Service -InputObject $service }
  'stop' { Stop-Service -InputObject $service }
  'restart' { Restart-Service -InputObject $service }
}
$service.Refresh()
ConvertTo-Json -Compress -InputObject ([pscustomobject]@{ found = $true; status = [string]$service.Status })
`;

async function list(): Promise<ServiceInfo[]> {
  return toServiceList(await runPowerShellJson(LIST_SERVICES_SCRIPT, windowsServiceOutput));
}

async function manage(name: string, action: ServiceAction): Promise<string> {
  if (!isValidServiceName("win32", name)) throw new CommandError("invalid", `"${name}" is not a Windows service name`);
  let output;
  try {
    output = await runPowerShellJson(MANAGE_SERVICE_SCRIPT, windowsManageOutput, { args: { SERVICE: name, ACTION: action } });
  } catch (error) {
    const message = errorMessage(error);
    if (/access is denied|cannot open .* service/i.test(message)) throw new CommandError("denied", `not permitted to ${action} ${name}: ${message}`);
    throw new CommandError("failed", `could not ${action} ${name}: ${message}`);
  }
  if (!output.found) throw new CommandError("not-found", `no service named ${name}`);
  return windowsStatus(output.status ?? "unknown");
}

export const windowsServices: ServiceCapability = { list, manage };
