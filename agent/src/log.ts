/**
 * The agent's log: one JSON object per line on stdout, `{ time, level,
 * event, ...fields }`, so service managers and tests can read it alike.
 * Secrets (enrollment token, agent secret) are never passed in.
 */

export type LogFields = Record<string, string | number | boolean | null | undefined>;
export type LogLevel = "info" | "warn" | "error";

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export function createLogger(write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  const log = (level: LogLevel) => (event: string, fields: LogFields = {}) =>
    write(`${JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })}\n`);
  return { info: log("info"), warn: log("warn"), error: log("error") };
}
