/** Pure parsers for the per-process files under /proc/<pid>/ and for /etc/passwd. */

export interface PidStat {
  pid: number;
  name: string;
  ppid: number;
  /** One letter: R running, S sleeping, ... Z zombie (exited, not yet reaped by its parent), X dead. */
  state: string;
  /** utime + stime, in clock ticks (the unit of /proc/stat). */
  cpuTicks: number;
}

/** /proc/<pid>/stat; the name sits in parentheses and may itself contain spaces or ")". */
export function parsePidStat(text: string): PidStat {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) throw new Error("malformed /proc/<pid>/stat");
  // Fields after the name start at field 3 (state); ppid is field 4, utime 14, stime 15.
  const rest = text.slice(close + 2).split(" ");
  return {
    pid: Number(text.slice(0, open).trim()),
    name: text.slice(open + 1, close),
    ppid: Number(rest[1]),
    state: rest[0] ?? "",
    cpuTicks: Number(rest[11]) + Number(rest[12]),
  };
}

export interface PidStatus {
  uid?: number;
  rssBytes: number;
}

/** /proc/<pid>/status; kernel threads have no VmRSS line. */
export function parsePidStatus(text: string): PidStatus {
  const uid = /^Uid:\s+(\d+)/m.exec(text);
  const rss = /^VmRSS:\s+(\d+) kB/m.exec(text);
  return { uid: uid ? Number(uid[1]) : undefined, rssBytes: rss ? Number(rss[1]) * 1024 : 0 };
}

/** /proc/<pid>/cmdline is NUL-separated; empty for kernel threads and zombies. */
export function parseCmdline(raw: string): string | undefined {
  const command = raw.replace(/\0+$/, "").replaceAll("\0", " ").trim();
  return command || undefined;
}

export function parsePasswd(text: string): Map<number, string> {
  const users = new Map<number, string>();
  for (const line of text.split("\n")) {
    const [name, , uid] = line.split(":");
    if (name && uid && /^\d+$/.test(uid)) users.set(Number(uid), name);
  }
  return users;
}

/** A zombie has exited already: only its entry remains until its parent reaps it, and a signal changes nothing. */
export function hasExited(stat: PidStat): boolean {
  return stat.state === "Z" || stat.state === "X";
}

/** Kernel threads (kthreadd, pid 2, and its children) are not programs a user can act on. */
export function isKernelThread(stat: PidStat): boolean {
  return stat.pid === 2 || stat.ppid === 2;
}
