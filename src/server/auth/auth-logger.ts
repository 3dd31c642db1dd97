/**
 * Auth.js's logger for the sign-in form. A refused sign-in (wrong credentials, a throttled
 * address) is an expected outcome the audit log already records, yet Auth.js's default logger
 * printed each one as an error with an eleven-line stack trace. Those print nothing now; any other
 * error is still reported in full.
 */

/** Auth.js stamps its errors with their kind; ours (InvalidSignIn, ThrottledSignIn) extend this one. */
const REFUSED_SIGN_IN = "CredentialsSignin";

export function logAuthError(error: Error, print: (...parts: unknown[]) => void = console.error): void {
  if ((error as { type?: unknown }).type === REFUSED_SIGN_IN) return;
  // Auth.js wraps what a provider threw as `cause.err`: that is the stack worth reading.
  const cause = (error.cause as { err?: unknown } | undefined)?.err;
  print(`[auth] ${error.name}: ${error.message}`, cause ?? error);
}
