/**
 * Self-update, one offer at a time: download the offered release from the gateway, check it,
 * swap it in, and ask for a restart (the service manager starts the new executable). After the
 * restart the new version must connect within `confirmWithinMs`, or it restores the previous
 * executable and restarts again; the previous version then reports the rollback. Only an agent
 * installed as a service updates itself: run by hand, nothing would start it again.
 */
import {
  agentUpdateUrl,
  type AgentUpdateAvailableMessage,
  type AgentUpdateState,
  type AgentUpdateStatusMessage,
} from "../../../src/protocol";
import type { Logger } from "../log";
import { errorMessage } from "../util";
import { downloadRelease, type Fetch } from "./download";
import { ReleaseFiles, type UpdateMarker } from "./release-files";

export const DEFAULT_CONFIRM_WITHIN_MS = 60_000;

export interface UpdaterOptions {
  currentVersion: string;
  /** The running executable. */
  binary: string;
  /** Why this agent cannot update itself (run by hand, from source), or null when it can. */
  cannotUpdate: string | null;
  gatewayUrl: string;
  authorization: () => string;
  send: (message: AgentUpdateStatusMessage) => void;
  /** Ends the process with the code the service manager restarts on. */
  restart: (reason: string) => void;
  log: Logger;
  confirmWithinMs?: number;
  fetch?: Fetch;
}

export class Updater {
  private readonly files: ReleaseFiles;
  private busy = false;
  /** Set at start-up from the marker: an update to confirm, or a rollback to report, once connected. */
  private marker: UpdateMarker | null = null;
  private confirmTimer: NodeJS.Timeout | undefined;
  /** A version this process rolled back from: offered again (a gateway that has not heard yet), it is refused again. */
  private rolledBack: { version: string; reason: string } | null = null;

  constructor(private readonly options: UpdaterOptions) {
    this.files = new ReleaseFiles(options.binary);
  }

  /** At start-up, before connecting: picks up an update that was in progress when the process restarted. */
  async resume(): Promise<void> {
    if (this.options.cannotUpdate) return;
    const marker = await this.files.readMarker();
    if (!marker) return;
    const { currentVersion, log } = this.options;
    if (marker.state === "pending" && marker.toVersion !== currentVersion) {
      // The swap did not take; the version that runs is the one that was installed.
      this.marker = { ...marker, state: "rolled-back", reason: `still running ${currentVersion} after the update to ${marker.toVersion}` };
      return;
    }
    this.marker = marker;
    if (marker.state === "pending") {
      const confirmWithinMs = this.options.confirmWithinMs ?? DEFAULT_CONFIRM_WITHIN_MS;
      log.info("update-confirming", { fromVersion: marker.fromVersion, toVersion: marker.toVersion, confirmWithinMs });
      this.confirmTimer = setTimeout(() => void this.rollBack(marker, confirmWithinMs), confirmWithinMs);
    }
  }

  /** The gateway acknowledged our hello: a pending update is confirmed, a rollback reported. */
  async onConnected(): Promise<void> {
    const marker = this.marker;
    if (!marker) return;
    this.marker = null;
    clearTimeout(this.confirmTimer);
    if (marker.state === "pending") {
      this.options.log.info("update-confirmed", { fromVersion: marker.fromVersion, version: marker.toVersion });
    } else {
      this.rolledBack = { version: marker.toVersion, reason: marker.reason };
      this.report(marker.toVersion, "rolled-back", marker.reason);
    }
    try {
      await this.files.clearMarker();
      await this.files.removeLeftovers();
    } catch (error) {
      this.options.log.warn("update-cleanup-failed", { error: errorMessage(error) });
    }
  }

  /** An offer from the gateway; ignored while another one is being handled. */
  onOffer(offer: AgentUpdateAvailableMessage): void {
    if (this.busy || this.marker) return;
    if (this.options.cannotUpdate) {
      this.report(offer.version, "declined", this.options.cannotUpdate);
      return;
    }
    if (this.rolledBack?.version === offer.version) {
      this.report(offer.version, "rolled-back", this.rolledBack.reason);
      return;
    }
    this.busy = true;
    void this.install(offer).finally(() => (this.busy = false));
  }

  stop(): void {
    clearTimeout(this.confirmTimer);
  }

  private async install(offer: AgentUpdateAvailableMessage): Promise<void> {
    const { currentVersion, log } = this.options;
    try {
      this.report(offer.version, "downloading");
      await downloadRelease({
        url: agentUpdateUrl(this.options.gatewayUrl, offer.version),
        authorization: this.options.authorization(),
        offer,
        destination: this.files.next,
        fetch: this.options.fetch,
      });
      await this.files.swapIn(currentVersion, offer.version);
    } catch (error) {
      this.report(offer.version, "failed", errorMessage(error));
      return;
    }
    this.report(offer.version, "installing");
    log.info("update-installed", { fromVersion: currentVersion, toVersion: offer.version });
    this.options.restart(`updating to ${offer.version}`);
  }

  private async rollBack(marker: UpdateMarker, confirmWithinMs: number): Promise<void> {
    const reason = `${marker.toVersion} did not connect within ${confirmWithinMs / 1000} s`;
    try {
      await this.files.rollBack(marker, reason);
    } catch (error) {
      // Without the previous executable there is nothing to go back to: keep running this one.
      this.options.log.error("update-rollback-failed", { error: errorMessage(error) });
      return;
    }
    this.options.log.error("update-rolled-back", { fromVersion: marker.toVersion, toVersion: marker.fromVersion, reason });
    this.options.restart(`rolling back to ${marker.fromVersion}`);
  }

  private report(version: string, state: AgentUpdateState, message?: string): void {
    this.options.log[state === "failed" || state === "rolled-back" ? "warn" : "info"]("update-status", { version, state, message });
    this.options.send({ type: "agent-update-status", version, state, ...(message ? { message: message.slice(0, 1024) } : {}) });
  }
}
