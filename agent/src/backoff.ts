/**
 * Reconnect delays: exponential backoff with full jitter (a random delay
 * between 0 and the exponential ceiling), so a fleet of agents that lost
 * the gateway together does not come back in lockstep.
 */

export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  random?: () => number;
}

export function backoffDelay(attempt: number, { baseMs = 500, capMs = 30_000, random = Math.random }: BackoffOptions = {}): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
