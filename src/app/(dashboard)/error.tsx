"use client";
/**
 * A dashboard page failed to render. The header stays usable (this boundary is inside the
 * layout); production hides the server's message, so the digest is what links to the logs.
 */
import { useEffect } from "react";
import { Button } from "@/components/button";
import { StatusPanel } from "@/components/status-panel";

export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <StatusPanel code="ERROR" tone="danger" title="This page could not be loaded" action={<Button onClick={retry}>Try again</Button>}>
      <p>Something went wrong on the server or the connection dropped. Try again; if it keeps failing, check the server log.</p>
      {digest ? <p className="mt-2 font-mono text-[11px] text-slate-400">Reference: {digest}</p> : null}
    </StatusPanel>
  );
}
