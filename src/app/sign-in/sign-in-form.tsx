"use client";
/** The sign-in form; the server action answers with one message that never says which field was wrong. */
import { useActionState } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { controlProps, Field } from "@/components/field";
import { signInAction, type SignInState } from "./actions";

export function SignInForm() {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  const totp = controlProps("sign-in-totp");
  return (
    <form action={action} className="space-y-4" aria-label="Sign in">
      <Field id="sign-in-username" label="Username">
        <input name="username" defaultValue={state.username} autoComplete="username" required autoFocus spellCheck={false} {...controlProps("sign-in-username")} />
      </Field>
      <Field id="sign-in-password" label="Password">
        <input name="password" type="password" autoComplete="current-password" required {...controlProps("sign-in-password")} />
      </Field>
      <Field id="sign-in-totp" label="One-time code" hint="Only if two-factor sign-in is enabled for your account.">
        <input
          name="totp"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          placeholder="123456"
          {...totp}
          className={`${totp.className} font-mono tracking-[0.3em]`}
        />
      </Field>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <Button type="submit" size="lg" disabled={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
