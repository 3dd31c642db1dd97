"use server";
/** The sign-in form's server action: next-auth's Credentials provider over the login service. */
import { AuthError } from "next-auth";
import { signIn } from "@/server/auth/next-auth";

/** `username` comes back so that the form, which React resets after every action, keeps it. */
export type SignInState = { error?: string; username?: string };

const MESSAGES: Record<string, string> = {
  throttled: "Too many failed attempts. Wait a few minutes and try again.",
  invalid: "The username, password or one-time code is not correct.",
};

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  try {
    await signIn("credentials", {
      username: String(form.get("username") ?? ""),
      password: String(form.get("password") ?? ""),
      totp: String(form.get("totp") ?? ""),
      redirectTo: "/devices",
    });
    return {};
  } catch (error) {
    // signIn signals success by throwing Next's redirect, which must propagate.
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code ?? "invalid";
      return { error: MESSAGES[code] ?? MESSAGES.invalid, username: String(form.get("username") ?? "") };
    }
    throw error;
  }
}
