"use client";
/**
 * The one-time panel of a new API key: the key with a copy button and a ready-to-run request, so
 * the integration can be tested before the key disappears. The server never returns the key again.
 */
import { useEffect, useRef } from "react";
import { Button } from "@/components/button";
import { CopyButton } from "@/components/copy-button";
import { formatTimestamp } from "@/lib/format-time";
import type { CreatedApiKey } from "@/server/contracts/api-keys";

/** Remounted (by key) for each new key, so it scrolls into view again. */
export function NewApiKey({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const panel = useRef<HTMLElement>(null);
  const { key, apiKey } = created;
  // Rendered only after a creation in this browser, never on the server: the origin is known.
  const example = `curl -H "X-API-KEY: ${key}" ${window.location.origin}/api/v3/agents/`;

  useEffect(() => {
    // The panel appears below the form, often below the fold.
    panel.current?.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }, []);

  return (
    <section ref={panel} aria-labelledby="new-api-key-title" className="rounded-lg border border-amber-300 bg-amber-50 p-4 shadow-sm">
      <h2 id="new-api-key-title" className="text-[13px] font-semibold text-amber-950">
        API key {apiKey.name}
      </h2>
      <p className="mt-1 text-xs text-amber-900">
        Copy it now: <strong>it will not be shown again.</strong> It acts with the {apiKey.role} role and{" "}
        {apiKey.expiresAt ? `works until ${formatTimestamp(apiKey.expiresAt, undefined, { seconds: false })}` : "never expires"} unless revoked.
      </p>
      <p data-testid="new-api-key" className="mt-3 rounded-md border border-amber-200 bg-white px-2.5 py-2 font-mono text-[13px] break-all text-slate-900 select-all">
        {key}
      </p>
      <div className="mt-2 flex justify-end">
        <CopyButton text={key} label="Copy key" />
      </div>
      <h3 className="mt-3 text-xs font-medium text-amber-950">Try it</h3>
      <pre data-testid="new-api-key-example" className="mt-1 rounded-md border border-amber-200 bg-white px-2.5 py-2 font-mono text-[12px] break-all whitespace-pre-wrap text-slate-900 select-all">
        {example}
      </pre>
      <div className="mt-2 flex justify-end gap-2">
        <CopyButton text={example} label="Copy command" />
        <Button variant="secondary" size="sm" onClick={onDone}>
          Done, hide the key
        </Button>
      </div>
    </section>
  );
}
