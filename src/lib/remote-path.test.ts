import { describe, expect, it } from "vitest";
import { breadcrumbs, childPath } from "./remote-path";

describe("breadcrumbs", () => {
  it("walks a POSIX path down from the device and the root", () => {
    expect(breadcrumbs("/var/log/nginx")).toEqual([
      { label: "This device", path: "" },
      { label: "/", path: "/" },
      { label: "var", path: "/var" },
      { label: "log", path: "/var/log" },
      { label: "nginx", path: "/var/log/nginx" },
    ]);
    expect(breadcrumbs("")).toEqual([{ label: "This device", path: "" }]);
  });

  it("walks a Windows path from its drive", () => {
    expect(breadcrumbs("C:\\Users\\Public").map((crumb) => crumb.path)).toEqual(["", "C:\\", "C:\\Users", "C:\\Users\\Public"]);
    expect(breadcrumbs("D:\\").map((crumb) => crumb.label)).toEqual(["This device", "D:"]);
  });
});

describe("childPath", () => {
  it("joins with the device's separator, once", () => {
    expect(childPath("/", "etc")).toBe("/etc");
    expect(childPath("/var/log", "syslog")).toBe("/var/log/syslog");
    expect(childPath("C:\\", "Users")).toBe("C:\\Users");
    expect(childPath("C:\\Users", "a.txt")).toBe("C:\\Users\\a.txt");
  });
});
