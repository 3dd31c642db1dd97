"use client";
/**
 * The one-time TOTP set-up panel: a QR code of the otpauth URI for authenticator apps, and the
 * secret as text for manual entry. The server never returns the secret again.
 */
import QRCode from "qrcode";
import { useEffect, useState } from "react";
import { Button } from "@/components/button";

/** The base32 secret in groups of four, as authenticator apps print it for typing. */
function readableSecret(otpauthUri: string): string {
  const secret = new URL(otpauthUri).searchParams.get("secret") ?? "";
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

type TotpEnrolmentProps = { username: string; otpauthUri: string; onDone: () => void };

export function TotpEnrolment({ username, otpauthUri, onDone }: TotpEnrolmentProps) {
  const [qr, setQr] = useState<{ uri: string; dataUrl: string } | null>(null);

  useEffect(() => {
    let current = true;
    QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: "M", margin: 1, width: 176 }).then((dataUrl) => current && setQr({ uri: otpauthUri, dataUrl }));
    return () => {
      current = false;
    };
  }, [otpauthUri]);

  return (
    <section role="status" aria-labelledby="totp-enrolment-title" className="rounded-lg border border-amber-300 bg-amber-50 p-4 shadow-sm">
      <h2 id="totp-enrolment-title" className="text-[13px] font-semibold text-amber-950">
        Set up TOTP for {username}
      </h2>
      <p className="mt-1 text-xs text-amber-900">Scan the code with an authenticator app on the user&apos;s phone, or type the secret. This is shown only once: it will not be shown again after you leave this page.</p>
      <div className="mt-3 flex gap-4">
        <div className="grid size-[176px] shrink-0 place-items-center rounded-md border border-amber-200 bg-white">
          {/* A plain <img>: a data: URL built in the browser leaves next/image nothing to optimise. */}
          {qr?.uri === otpauthUri ? <img src={qr.dataUrl} alt="TOTP QR code" width={176} height={176} /> : <span className="text-xs text-slate-400">Generating…</span>}
        </div>
        <div className="min-w-0 space-y-2 text-xs">
          <div>
            <p className="font-medium text-amber-950">Secret</p>
            <p className="font-mono text-[13px] break-all text-slate-900 select-all">{readableSecret(otpauthUri)}</p>
          </div>
          <div>
            <p className="font-medium text-amber-950">URI</p>
            <p data-testid="otpauth-uri" className="font-mono text-[11px] break-all text-slate-700 select-all">
              {otpauthUri}
            </p>
          </div>
        </div>
      </div>
      <div className="mt-3 flex justify-end">
        <Button variant="secondary" size="sm" onClick={onDone}>
          Done, hide the secret
        </Button>
      </div>
    </section>
  );
}
