"use client";
/**
 * The one-time TOTP set-up panel: a QR code of the otpauth URI for authenticator apps, and the
 * secret as text for manual entry. The server never returns the secret again.
 */
import QRCode from "qrcode";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/button";

/** The base32 secret in groups of four, as authenticator apps print it for typing. */
function readableSecret(otpauthUri: string): string {
  const secret = new URL(otpauthUri).searchParams.get("secret") ?? "";
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

type TotpEnrolmentProps = { username: string; otpauthUri: string; onDone: () => void };

/** Remounted (by key) for each new URI, so the QR state never shows a previous user's code. */
export function TotpEnrolment({ username, otpauthUri, onDone }: TotpEnrolmentProps) {
  const [qrDataUrl, setQrDataUrl] = useState<string | null>(null);
  const panel = useRef<HTMLElement>(null);

  useEffect(() => {
    let current = true;
    QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: "M", margin: 1, width: 176 }).then((dataUrl) => current && setQrDataUrl(dataUrl));
    // The panel appears below the form, often below the fold: bring it into view.
    panel.current?.scrollIntoView({ behavior: "smooth", block: "nearest" });
    return () => {
      current = false;
    };
  }, [otpauthUri]);

  return (
    <section ref={panel} aria-labelledby="totp-enrolment-title" className="rounded-lg border border-amber-300 bg-amber-50 p-4 shadow-sm">
      <h2 id="totp-enrolment-title" className="text-[13px] font-semibold text-amber-950">
        Set up TOTP for {username}
      </h2>
      <p className="mt-1 text-xs text-amber-900">
        Scan the code with an authenticator app, or type the secret. <strong>It will not be shown again</strong> once you dismiss this panel or leave the page.
      </p>
      <div className="mx-auto mt-3 grid size-[176px] place-items-center rounded-md border border-amber-200 bg-white">
        {/* A plain <img>: a data: URL built in the browser leaves next/image nothing to optimise. */}
        {qrDataUrl ? <img src={qrDataUrl} alt="TOTP QR code" width={176} height={176} /> : <span className="text-xs text-slate-400">Generating…</span>}
      </div>
      <dl className="mt-3 space-y-2 text-xs">
        <div>
          <dt className="font-medium text-amber-950">Secret</dt>
          <dd className="font-mono text-[13px] break-all text-slate-900 select-all">{readableSecret(otpauthUri)}</dd>
        </div>
        <div>
          <dt className="font-medium text-amber-950">URI</dt>
          <dd data-testid="otpauth-uri" className="font-mono text-[11px] break-all text-slate-700 select-all">
            {otpauthUri}
          </dd>
        </div>
      </dl>
      <div className="mt-3 flex justify-end">
        <Button variant="secondary" size="sm" onClick={onDone}>
          Done, hide the secret
        </Button>
      </div>
    </section>
  );
}
