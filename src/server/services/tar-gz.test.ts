/** The tar.gz writer's output unpacks with the system's own `tar`, with names, contents and modes. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { tarGz } from "./tar-gz";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it("writes an archive that tar unpacks", () => {
  dir = mkdtempSync(path.join(tmpdir(), "tar-gz-"));
  const big = Buffer.alloc(1500, 7);
  writeFileSync(path.join(dir, "a.tar.gz"), tarGz([
    { name: "rmm-agent", data: big, mode: 0o755 },
    { name: "server.json", data: Buffer.from('{"a":1}\n'), mode: 0o600 },
  ]));
  execFileSync("tar", ["-xzf", "a.tar.gz"], { cwd: dir });
  expect(readFileSync(path.join(dir, "rmm-agent")).equals(big)).toBe(true);
  expect(statSync(path.join(dir, "rmm-agent")).mode & 0o777).toBe(0o755);
  expect(readFileSync(path.join(dir, "server.json"), "utf8")).toBe('{"a":1}\n');
  expect(statSync(path.join(dir, "server.json")).mode & 0o777).toBe(0o600);
});
