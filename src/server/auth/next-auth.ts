/**
 * next-auth (Auth.js v5) for the dashboard's sign-in form. Its Credentials provider calls the same
 * login service as `POST /auth/login`, and it writes the same `rmm-session` cookie (an Auth.js
 * encrypted JWT carrying the server-side session token, see session-cookie.ts). Every request then
 * resolves that token against the sessions table, so the two sign-in paths share one store.
 */
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getConfig, requireSetting } from "../config";
import { getDb } from "../db/client";
import { AppError } from "../errors";
import { clientIpOf } from "../http/request-context";
import { loginInput } from "../contracts/auth";
import { logAuthError } from "./auth-logger";
import { login } from "./login";
import { PASSWORD_SESSION_SECONDS, SESSION_COOKIE, sessionCookieAttributes } from "./session-cookie";

/** Codes the sign-in form turns into messages; none says which field was wrong. */
export class InvalidSignIn extends CredentialsSignin {
  code = "invalid";
}
export class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

export const { signIn } = NextAuth(() => {
  const secure = getConfig().publicUrl.startsWith("https:");
  return {
    secret: requireSetting("AUTH_SECRET"),
    trustHost: true,
    session: { strategy: "jwt", maxAge: PASSWORD_SESSION_SECONDS },
    cookies: { sessionToken: { name: SESSION_COOKIE, options: sessionCookieAttributes({ secure, maxAgeSeconds: PASSWORD_SESSION_SECONDS }) } },
    pages: { signIn: "/sign-in" },
    logger: { error: (error) => logAuthError(error) },
    providers: [
      Credentials({
        credentials: { username: {}, password: {}, totp: {} },
        async authorize(credentials, request) {
          const input = loginInput.safeParse(credentials);
          if (!input.success) throw new InvalidSignIn();
          try {
            const result = await login(getDb(), { ...input.data, clientIp: clientIpOf(request.headers) });
            // The user id Auth.js sees is our session token; the jwt callback stores it as `sid`.
            return { id: result.sessionToken, name: result.username };
          } catch (error) {
            if (error instanceof AppError && error.code === "TOO_MANY_REQUESTS") throw new ThrottledSignIn();
            if (error instanceof AppError && error.code === "UNAUTHORIZED") throw new InvalidSignIn();
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) token.sid = user.id;
        return token;
      },
    },
  };
});
