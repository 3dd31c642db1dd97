"use client";
/**
 * A TOTP secret as people set it up: a QR code of the otpauth URI for authenticator apps, and the
 * secret as text for typing. Used where an admin creates a user and where users set up their own.
 */
import QRCode from "qrcode";
import { useEffect, useState } from "react";

/** The base32 secret in groups of four, as authenticator apps print it for typing. */
function readableSecret(otpauthUri: string): string {
  const secret = new URL(otpauthUri).searchParams.get("secret") ?? "";
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/** Give it a `key` of the URI where the URI can change, so no previous QR code ever shows. */
export function TotpSecret({ otpauthUri }: { otpauthUri: string }) {
  const [qrDataUrl, setQrDataUrl] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: "M", margin: 1, width: 176 }).then((dataUrl) => current && setQrDataUrl(dataUrl));
    return () => {
      current = false;
    };
  }, [otpauthUri]);

  return (
    <>
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
    </>
  );
}
