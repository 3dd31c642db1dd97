/** Files on Linux: POSIX paths, one root. */
import { posix } from "node:path";
import type { FilesPlatform } from "./index";

export const linuxFiles: FilesPlatform = {
  paths: posix,
  roots: async () => [{ name: "/", path: "/", kind: "directory" }],
};
