/** Time-based one-time passwords (RFC 6238, 30 s steps, 6 digits) with replay protection. */
import { generateSecret, generateURI, verify } from "otplib";

const ISSUER = "RMM";

export function generateTotpSecret(): string {
  return generateSecret();
}

export function totpUri(username: string, secret: string): string {
  return generateURI({ issuer: ISSUER, label: username, secret });
}

/**
 * Checks a code, tolerating one step of clock drift either way. Codes at or before
 * `afterTimeStep` (the last accepted one) are refused, so a code works only once.
 */
export async function checkTotp(secret: string, code: string, afterTimeStep: number | null, now = new Date()): Promise<{ valid: false } | { valid: true; timeStep: number }> {
  if (!/^\d{6}$/.test(code)) return { valid: false };
  try {
    const epoch = Math.floor(now.getTime() / 1000);
    const result = await verify({ secret, token: code, epoch, epochTolerance: 30, ...(afterTimeStep === null ? {} : { afterTimeStep }) });
    // The functional API's result type is shared with HOTP; a TOTP check always carries timeStep.
    return result.valid && "timeStep" in result ? { valid: true, timeStep: result.timeStep } : { valid: false };
  } catch {
    return { valid: false };
  }
}
