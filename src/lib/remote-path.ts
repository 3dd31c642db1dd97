/**
 * Paths on a device as the file browser handles them, in the device's own syntax (POSIX, or
 * Windows with drive letters): the breadcrumb trail of a folder, and a file's path in a folder.
 * The agent checks every path again; these only build them.
 */
export type Crumb = { label: string; path: string };

const isWindows = (path: string) => /^[A-Za-z]:/.test(path) || path.startsWith("\\\\");

/** From the roots ("This device", the empty path) down to `path`. */
export function breadcrumbs(path: string): Crumb[] {
  const trail: Crumb[] = [{ label: "This device", path: "" }];
  if (path === "") return trail;
  if (isWindows(path)) {
    const [drive, ...parts] = path.split("\\").filter(Boolean);
    let current = `${drive}\\`;
    trail.push({ label: drive!, path: current });
    for (const part of parts) {
      current = current.endsWith("\\") ? `${current}${part}` : `${current}\\${part}`;
      trail.push({ label: part, path: current });
    }
    return trail;
  }
  trail.push({ label: "/", path: "/" });
  let current = "";
  for (const part of path.split("/").filter(Boolean)) {
    current = `${current}/${part}`;
    trail.push({ label: part, path: current });
  }
  return trail;
}

/** The path of `name` inside `folder`. */
export function childPath(folder: string, name: string): string {
  const separator = isWindows(folder) ? "\\" : "/";
  return folder.endsWith(separator) ? `${folder}${name}` : `${folder}${separator}${name}`;
}
