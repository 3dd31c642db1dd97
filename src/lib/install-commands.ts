/**
 * The copy-paste one-liners that install the agent from a deployment link. Only server-made values
 * (the link's URLs) go in; the URLs are single-quoted, and a deployment's URL never contains a quote.
 */
export function linuxInstallCommand(installScriptUrl: string): string {
  return `curl -fsSL '${installScriptUrl}' | sudo sh`;
}

/** For an elevated PowerShell: download, unpack into Program Files, install as a service. */
export function windowsInstallCommand(downloadUrl: string): string {
  const folder = "$env:ProgramFiles\\RMM Agent";
  return [
    `$zip = Join-Path $env:TEMP 'rmm-agent.zip'`,
    `Invoke-WebRequest -UseBasicParsing '${downloadUrl}' -OutFile $zip`,
    `Expand-Archive -Force $zip "${folder}"`,
    `& "${folder}\\rmm-agent.exe" install`,
  ].join("; ");
}
