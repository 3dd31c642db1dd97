/**
 * Specification 002's install script: a POSIX shell script that downloads a Linux deployment's
 * package, unpacks it into /opt/rmm-agent and installs the agent as a service (`rmm-agent install`,
 * falling back to starting it in the background where that subcommand is missing). Everything in it
 * comes from the server: the download URL (public URL + a server-made uuid) and the install flags,
 * which creation restricted to characters no shell treats specially, each single-quoted besides.
 */
import type { Config } from "../config";
import { installArgs } from "../contracts/deployments";
import type { deployments } from "../db/schema";
import { deploymentDownloadUrl } from "./deployments";

export const INSTALL_DIR = "/opt/rmm-agent";

/** A single-quoted shell word; the values quoted here never contain a quote, but a bug must not turn into code. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'"'"'`)}'`;
}

export function installScript(deployment: Pick<typeof deployments.$inferSelect, "uuid" | "installFlags">, config: Pick<Config, "publicUrl">): string {
  const args = installArgs(deployment.installFlags).map((flag) => ` ${shellQuote(flag)}`).join("");
  return `#!/bin/sh
# Installs the RMM agent on this Linux host from deployment ${deployment.uuid}.
set -eu
DOWNLOAD_URL=${shellQuote(deploymentDownloadUrl(config, deployment.uuid))}
INSTALL_DIR=${shellQuote(INSTALL_DIR)}

if [ "$(id -u)" -ne 0 ]; then
  echo "rmm-agent: run this as root (curl -fsSL '<url>' | sudo sh)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if command -v curl >/dev/null 2>&1; then
  curl -fsSL -o "$work/rmm-agent.tar.gz" "$DOWNLOAD_URL"
elif command -v wget >/dev/null 2>&1; then
  wget -q -O "$work/rmm-agent.tar.gz" "$DOWNLOAD_URL"
else
  echo "rmm-agent: curl or wget is needed" >&2
  exit 1
fi
mkdir -p "$INSTALL_DIR"
tar -xzf "$work/rmm-agent.tar.gz" -C "$INSTALL_DIR"
cd "$INSTALL_DIR"
if ./rmm-agent install${args}; then
  echo "rmm-agent: installed in $INSTALL_DIR"
else
  echo "rmm-agent: no service install here; starting the agent in the background" >&2
  nohup ./run-agent.sh >>"$INSTALL_DIR/agent.log" 2>&1 &
  echo "rmm-agent: started from $INSTALL_DIR (log: $INSTALL_DIR/agent.log)"
fi
`;
}
