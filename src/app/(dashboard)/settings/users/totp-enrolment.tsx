"use client";
/**
 * The one-time TOTP set-up panel of a user an admin just created. The server never returns the
 * secret again.
 */
import { useEffect, useRef } from "react";
import { Button } from "@/components/button";
import { TotpSecret } from "@/components/totp-secret";

type TotpEnrolmentProps = { username: string; otpauthUri: string; onDone: () => void };

/** Remounted (by key) for each new URI, so it scrolls into view again. */
export function TotpEnrolment({ username, otpauthUri, onDone }: TotpEnrolmentProps) {
  const panel = useRef<HTMLElement>(null);

  useEffect(() => {
    // The panel appears below the form, often below the fold: bring it into view.
    panel.current?.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }, [otpauthUri]);

  return (
    <section ref={panel} aria-labelledby="totp-enrolment-title" className="rounded-lg border border-amber-300 bg-amber-50 p-4 shadow-sm">
      <h2 id="totp-enrolment-title" className="text-[13px] font-semibold text-amber-950">
        Set up TOTP for {username}
      </h2>
      <p className="mt-1 text-xs text-amber-900">
        Scan the code with an authenticator app, or type the secret. <strong>It will not be shown again</strong> once you dismiss this panel or leave the page.
      </p>
      <TotpSecret otpauthUri={otpauthUri} />
      <div className="mt-3 flex justify-end">
        <Button variant="secondary" size="sm" onClick={onDone}>
          Done, hide the secret
        </Button>
      </div>
    </section>
  );
}
