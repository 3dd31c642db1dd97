/**
 * Cross-site request forgery defence for every state-changing request: the browser's Origin must
 * be this server (the Host it addressed, or PUBLIC_URL). Requests without Origin (curl, scripts)
 * pass unless the browser marked them cross-site.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type OriginVerdict = { allowed: true } | { allowed: false; reason: string };

export function checkOrigin(input: { method: string; origin?: string; host?: string; secFetchSite?: string; publicUrl: string }): OriginVerdict {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return { allowed: true };
  return checkBrowserOrigin(input);
}

/** The same rule for WebSocket upgrades (which are GETs but open a channel). */
export function checkBrowserOrigin(input: { origin?: string; host?: string; secFetchSite?: string; publicUrl: string }): OriginVerdict {
  if (input.origin === undefined) {
    return input.secFetchSite === "cross-site" ? { allowed: false, reason: "cross-site request" } : { allowed: true };
  }
  let originHost: string;
  try {
    originHost = new URL(input.origin).host;
  } catch {
    return { allowed: false, reason: `origin '${input.origin}' is not this server` };
  }
  const ownHosts = new Set([new URL(input.publicUrl).host, input.host].filter(Boolean).map((host) => host!.toLowerCase()));
  return ownHosts.has(originHost.toLowerCase()) ? { allowed: true } : { allowed: false, reason: `origin '${input.origin}' is not this server` };
}
