"use client";
/** The upload drop zone and the list of transfers in progress or finished, each with its progress bar. */
import { useRef, useState, type DragEvent } from "react";
import { Button } from "@/components/button";
import { formatBytes } from "@/lib/format-bytes";

export type Transfer = {
  id: string;
  direction: "upload" | "download";
  name: string;
  done: number;
  total: number;
  state: "running" | "finishing" | "done" | "failed";
  message?: string;
};

const STATE_TEXT: Record<Transfer["state"], string> = { running: "", finishing: "the agent checks the file…", done: "done", failed: "failed" };

export function TransferList({ transfers }: { transfers: Transfer[] }) {
  if (transfers.length === 0) return null;
  return (
    <ul aria-label="Transfers" className="mb-3 space-y-2">
      {transfers.map((transfer) => {
        const percent = transfer.total > 0 ? Math.round((transfer.done / transfer.total) * 100) : transfer.state === "done" ? 100 : 0;
        const bar = transfer.state === "failed" ? "bg-rose-500" : transfer.state === "done" ? "bg-emerald-500" : "bg-sky-500";
        return (
          <li key={transfer.id} data-testid="transfer" data-direction={transfer.direction} data-state={transfer.state} className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs">
            <div className="mb-1 flex justify-between gap-3">
              <span className="truncate font-medium text-slate-800">
                {transfer.direction === "upload" ? "Upload" : "Download"} {transfer.name}
              </span>
              <span className="shrink-0 tabular-nums text-slate-500">
                {formatBytes(transfer.done)} of {formatBytes(transfer.total)} · {percent} % {STATE_TEXT[transfer.state] ? `· ${STATE_TEXT[transfer.state]}` : ""}
              </span>
            </div>
            <div role="progressbar" aria-label={`${transfer.direction} ${transfer.name}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-1.5 overflow-hidden rounded bg-slate-100">
              <div className={`h-full ${bar} transition-[width]`} style={{ width: `${percent}%` }} />
            </div>
            {transfer.message ? <p className={`mt-1 ${transfer.state === "failed" ? "text-rose-700" : "text-slate-500"}`}>{transfer.message}</p> : null}
          </li>
        );
      })}
    </ul>
  );
}

type DropZoneProps = { folder: string; disabledReason: string | null; onFiles: (files: File[]) => void };

export function UploadDropZone({ folder, disabledReason, onFiles }: DropZoneProps) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (!disabledReason && event.dataTransfer.files.length > 0) onFiles([...event.dataTransfer.files]);
  };
  return (
    <div
      data-testid="upload-drop-zone"
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      className={`mb-3 flex flex-wrap items-center justify-between gap-3 rounded-md border border-dashed px-3 py-2.5 text-xs ${over ? "border-sky-400 bg-sky-50" : "border-slate-300 bg-slate-50"}`}
    >
      <span className="text-slate-600">{disabledReason ?? <>Drop files here to upload them to <span className="font-mono text-slate-800">{folder}</span>, or</>}</span>
      <input
        ref={input}
        type="file"
        multiple
        aria-label="Files to upload"
        className="sr-only"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = "";
          if (files.length > 0) onFiles(files);
        }}
      />
      <Button variant="secondary" size="sm" disabled={disabledReason !== null} onClick={() => input.current?.click()}>
        Choose files…
      </Button>
    </div>
  );
}
