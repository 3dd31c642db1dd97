/**
 * One shell session's transcript (admin only, linked from the audit log's shell entries): what the
 * terminal showed, as text, and what was typed, line by line, with who typed it and when.
 */
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { formatTimestamp } from "@/lib/format-time";
import { requirePermission } from "@/lib/session";
import { terminalText, typedLines } from "@/lib/terminal-text";

export const metadata: Metadata = { title: "Shell transcript" };

type Params = Promise<{ agentId: string; sessionId: string }>;

export default async function ShellTranscriptPage({ params }: { params: Params }) {
  const { agentId, sessionId } = await params;
  const { caller } = await requirePermission("shell.transcript");
  const transcript = await caller.shell.transcript({ agentId: decodeURIComponent(agentId), sessionId: decodeURIComponent(sessionId) }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  });
  const session = transcript.entries.find((entry) => entry.kind === "session");
  const exit = transcript.entries.find((entry) => entry.kind === "exit");
  const lines = typedLines(transcript.entries.filter((entry) => entry.kind === "input"));
  const shown = terminalText(transcript.entries.filter((entry) => entry.kind === "output").map((entry) => entry.text).join(""));
  return (
    <section>
      <PageHeader
        title="Shell transcript"
        description={
          <>
            Session <span className="font-mono">{transcript.sessionId}</span> on{" "}
            <Link className="text-sky-700 hover:underline" href={`/devices/${encodeURIComponent(transcript.agentId)}`}>
              {transcript.agentId}
            </Link>
            {session ? ` · ${session.text}, opened by ${session.user ?? "unknown"} ${formatTimestamp(session.at)}` : null}
            {exit ? ` · ${exit.text} ${formatTimestamp(exit.at)}` : " · no end recorded"}
            {transcript.truncated ? " · only the beginning is shown" : null}
          </>
        }
        actions={
          <Link className="text-[13px] text-sky-700 hover:underline" href="/settings/audit">
            Back to the audit log
          </Link>
        }
      />
      <h2 className="mb-2 text-sm font-semibold text-slate-900">What the terminal showed</h2>
      <pre data-testid="transcript-output" className="mb-6 max-h-[32rem] overflow-auto rounded-lg bg-slate-900 p-3 font-mono text-xs whitespace-pre-wrap text-slate-100">
        {shown || "(no output)"}
      </pre>
      <h2 className="mb-2 text-sm font-semibold text-slate-900">What was typed ({lines.length} {lines.length === 1 ? "line" : "lines"})</h2>
      <table className="w-full text-left text-[13px]">
        <thead className="text-xs text-slate-500">
          <tr>
            <th className="py-1 pr-4 font-medium">Time</th>
            <th className="py-1 pr-4 font-medium">User</th>
            <th className="py-1 font-medium">Input</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) => (
            <tr key={index} className="border-t border-slate-100 align-top">
              <td className="py-1 pr-4 whitespace-nowrap text-slate-600">{formatTimestamp(line.at)}</td>
              <td className="py-1 pr-4">{line.user ?? "—"}</td>
              {/* Control keys (Enter, Ctrl+C, arrows) shown escaped, so nothing typed is invisible. */}
              <td className="py-1 font-mono text-xs break-all whitespace-pre-wrap">{JSON.stringify(line.text).slice(1, -1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
