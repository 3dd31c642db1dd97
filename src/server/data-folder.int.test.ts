import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATA_FILES, prepareDataFolder, readOrCreateSecretFile } from "./data-folder";

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), "rmm-data-folder-"));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

describe("data folder", () => {
  it("creates the folder private, or reachable-not-listable when another OS user needs inside", async () => {
    await prepareDataFolder(path.join(scratch, "new", "data"));
    expect(await modeOf(path.join(scratch, "new", "data"))).toBe(0o700);
    await prepareDataFolder(path.join(scratch, "for-postgres"), { othersMayTraverse: true });
    expect(await modeOf(path.join(scratch, "for-postgres"))).toBe(0o711);
  });

  it("tightens an existing folder of ours, but leaves a folder that is not recognisably ours as it is", async () => {
    const ours = path.join(scratch, "ours");
    const shared = path.join(scratch, "shared");
    await mkdir(ours, { mode: 0o755 });
    await mkdir(shared, { mode: 0o755 });
    await writeFile(path.join(ours, DATA_FILES.authSecret), "x\n", { mode: 0o600 });
    await prepareDataFolder(ours);
    await prepareDataFolder(shared);
    expect(await modeOf(ours)).toBe(0o700);
    expect(await modeOf(shared)).toBe(0o755);
  });

  it("generates a secret once into a 0600 file, and tightens a copy that was loosened", async () => {
    const file = path.join(scratch, "secret");
    expect(await readOrCreateSecretFile(file, () => "first")).toBe("first");
    expect(await modeOf(file)).toBe(0o600);
    expect(await readOrCreateSecretFile(file, () => "second")).toBe("first");
    await writeFile(file, "copied\n", { mode: 0o644 });
    expect(await readFile(file, "utf8")).toBe("copied\n");
    expect(await readOrCreateSecretFile(file, () => "third")).toBe("copied");
    expect(await modeOf(file)).toBe(0o600);
  });
});
