/**
 * Finds the user logged in at a Linux machine from the binary utmp file
 * (glibc x86-64 layout), preferring a local console or X display over
 * remote terminals.
 */

const RECORD_BYTES = 384;
const USER_PROCESS = 7;
const LINE_OFFSET = 8;
const LINE_BYTES = 32;
const USER_OFFSET = 44;
const USER_BYTES = 32;

function cString(buffer: Buffer, offset: number, length: number): string {
  const field = buffer.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? length : end).toString("utf8");
}

export interface UtmpSession {
  user: string;
  line: string;
}

export function parseUtmp(buffer: Buffer): UtmpSession[] {
  const sessions: UtmpSession[] = [];
  for (let offset = 0; offset + RECORD_BYTES <= buffer.length; offset += RECORD_BYTES) {
    if (buffer.readInt32LE(offset) !== USER_PROCESS) continue;
    const user = cString(buffer, offset + USER_OFFSET, USER_BYTES);
    if (user) sessions.push({ user, line: cString(buffer, offset + LINE_OFFSET, LINE_BYTES) });
  }
  return sessions;
}

/** The console/display user if any, else the first logged-in user, else null. */
export function pickLoggedInUser(sessions: UtmpSession[]): string | null {
  const local = sessions.find((session) => /^(tty\d|:\d|seat)/.test(session.line));
  return (local ?? sessions[0])?.user ?? null;
}
