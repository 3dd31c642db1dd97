"use client";
/** "Refresh" for a device tab's live data from the agent, with a spinner while the agent is asked. */
import { Button } from "@/components/button";

export function Spinner() {
  return <span aria-hidden className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent" />;
}

export function RefreshButton({ onClick, disabled, busy }: { onClick: () => void; disabled: boolean; busy: boolean }) {
  return (
    <Button variant="secondary" onClick={onClick} disabled={disabled || busy} aria-busy={busy}>
      {busy ? (
        <>
          <Spinner /> Refreshing…
        </>
      ) : (
        <>
          <svg aria-hidden viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth={1.6} strokeLinecap="round" strokeLinejoin="round">
            <path d="M13 8a5 5 0 1 1-1.5-3.5M13 2.5V5h-2.5" />
          </svg>
          Refresh
        </>
      )}
    </Button>
  );
}
