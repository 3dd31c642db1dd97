"use client";
/**
 * A device's crash history (Windows bugchecks and minidumps, Linux kernel panics and oopses) as the
 * server stored it. "Check for crashes" is accepted at once (202) and collected in the background,
 * so the card asks for the stored history again every few seconds until a newer one arrives.
 */
import { useCallback, useEffect, useState } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { describeCommandError } from "@/lib/command-error";
import { formatTimestamp } from "@/lib/format-time";
import { trpc } from "@/lib/trpc-client";
import type { CrashSummary } from "@/protocol/health";
import { Spinner } from "./refresh-button";

const POLL_MS = 2_000;
const POLL_LIMIT = 15;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function CrashHistory({ agentId, deviceName, online }: { agentId: string; deviceName: string; online: boolean }) {
  const [summary, setSummary] = useState<CrashSummary | null>(null);
  const [checking, setChecking] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const read = useCallback(async () => (await trpc.systemHealth.bsod.query({ agentId })).summary, [agentId]);

  useEffect(() => {
    void read().then(setSummary, () => undefined);
  }, [read]);

  async function check() {
    setChecking(true);
    setFailure(null);
    try {
      const before = summary?.collectedAt ?? null;
      await trpc.systemHealth.refreshBsod.mutate({ agentId });
      for (let attempt = 0; attempt < POLL_LIMIT; attempt++) {
        await wait(POLL_MS);
        const latest = await read();
        if (latest && latest.collectedAt !== before) return setSummary(latest);
      }
      setFailure(`${deviceName} has not sent its crash history yet; it may not keep one (a machine whose journal and kernel ring buffer are both closed to the agent does not).`);
    } catch (error) {
      setFailure(describeCommandError(error, { offline: `${deviceName} is offline; its crash history can be checked once it reconnects.`, notFound: "This device no longer exists." }).message);
    } finally {
      setChecking(false);
    }
  }

  return (
    <section aria-labelledby="crashes-title" className="mt-8">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="crashes-title" className="text-sm font-semibold text-slate-900">
            Crash history
          </h2>
          <p className="text-xs text-slate-500">
            {summary ? <>checked {formatTimestamp(summary.collectedAt)}</> : "Not checked yet"}
          </p>
        </div>
        <Button variant="secondary" onClick={() => void check()} disabled={!online || checking} aria-busy={checking}>
          {checking ? (
            <>
              <Spinner /> Checking…
            </>
          ) : (
            "Check for crashes"
          )}
        </Button>
      </div>
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      {summary ? (
        summary.crashes.length === 0 ? (
          <p className="text-[13px] text-slate-600">No crashes recorded.</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-[13px]" data-testid="crash-list">
            {summary.crashes.map((crash) => (
              <li key={`${crash.at}-${crash.bugcheckCode}`} className="px-3 py-2">
                <span className="font-mono text-slate-900">{crash.bugcheckCode}</span>
                <span className="ml-3 text-slate-500">{formatTimestamp(crash.at)}</span>
                {crash.parameters?.length ? <span className="ml-3 font-mono text-xs text-slate-500">({crash.parameters.join(", ")})</span> : null}
                {crash.message ? <p className="mt-0.5 truncate text-xs text-slate-600">{crash.message}</p> : null}
                {crash.dumpFile ? <p className="mt-0.5 font-mono text-xs text-slate-500">{crash.dumpFile}</p> : null}
              </li>
            ))}
          </ul>
        )
      ) : null}
      {summary?.dumps?.length ? (
        <p className="mt-2 text-xs text-slate-500">
          Minidumps: {summary.dumps.map((dump) => `${dump.name} (${Math.round(dump.sizeBytes / 1024)} KiB, ${formatTimestamp(dump.modifiedAt)})`).join(" · ")}
        </p>
      ) : null}
    </section>
  );
}
