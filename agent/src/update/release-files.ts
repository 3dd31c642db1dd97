/**
 * The files of a self-update beside the executable, and the marker that carries an update across
 * the restart: `<exe>.new` (downloaded, verified), `<exe>.old` (the previous version, kept until
 * the new one has connected), `<exe>.failed` (a version that was rolled back) and
 * `update-state.json`. Only renames touch the executable: a running one can be renamed on
 * Windows and on Linux, never overwritten on Windows.
 */
import { rename, rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { agentReleaseVersion, isoTimestamp } from "../../../src/protocol";
import { readJsonFile, writeJsonFileAtomically } from "../json-file";

export const UPDATE_MARKER_FILE = "update-state.json";

const versions = { fromVersion: agentReleaseVersion, toVersion: agentReleaseVersion, at: isoTimestamp };

export const updateMarker = z.discriminatedUnion("state", [
  /** Swapped in; the new version must connect within the confirmation window or be rolled back. */
  z.object({ state: z.literal("pending"), ...versions }),
  /** The previous version is back; it reports this once connected. */
  z.object({ state: z.literal("rolled-back"), reason: z.string().max(512), ...versions }),
]);

export type UpdateMarker = z.infer<typeof updateMarker>;

export class ReleaseFiles {
  readonly next: string;
  readonly previous: string;
  readonly failed: string;
  readonly marker: string;

  constructor(readonly binary: string) {
    this.next = `${binary}.new`;
    this.previous = `${binary}.old`;
    this.failed = `${binary}.failed`;
    this.marker = path.join(path.dirname(binary), UPDATE_MARKER_FILE);
  }

  /** A damaged marker is dropped: the running version is then simply the installed one. */
  async readMarker(): Promise<UpdateMarker | null> {
    const data = await readJsonFile(this.marker).catch(() => undefined);
    const parsed = updateMarker.safeParse(data);
    if (data !== undefined && !parsed.success) await this.clearMarker();
    return parsed.success ? parsed.data : null;
  }

  async clearMarker(): Promise<void> {
    await rm(this.marker, { force: true });
  }

  /** `next` becomes the executable, the current one `previous`; on failure everything is put back. */
  async swapIn(fromVersion: string, toVersion: string): Promise<void> {
    await writeJsonFileAtomically(this.marker, { state: "pending", fromVersion, toVersion, at: new Date().toISOString() } satisfies UpdateMarker);
    try {
      await rm(this.previous, { force: true });
      await rename(this.binary, this.previous);
      try {
        await rename(this.next, this.binary);
      } catch (error) {
        await rename(this.previous, this.binary);
        throw error;
      }
    } catch (error) {
      await this.clearMarker();
      throw error;
    }
  }

  /** The running (new) executable steps aside and the previous one is restored. */
  async rollBack(marker: UpdateMarker, reason: string): Promise<void> {
    await rm(this.failed, { force: true });
    await rename(this.binary, this.failed);
    await rename(this.previous, this.binary);
    await writeJsonFileAtomically(this.marker, { state: "rolled-back", fromVersion: marker.fromVersion, toVersion: marker.toVersion, reason, at: new Date().toISOString() } satisfies UpdateMarker);
  }

  /** Leftovers of a finished update; the running executable is never among them. */
  async removeLeftovers(): Promise<void> {
    await Promise.all([this.next, this.previous, this.failed].map((file) => rm(file, { force: true })));
  }
}
