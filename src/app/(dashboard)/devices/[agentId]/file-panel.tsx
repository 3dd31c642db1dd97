"use client";
/**
 * A device's files: a folder browser (breadcrumbs, sortable entries) asked of the agent as the
 * operator navigates, downloads and uploads with progress, and a confirmation before an upload
 * replaces a file (asked from the listing, and again if the agent finds the file there anyway).
 */
import { useCallback, useEffect, useState } from "react";
import { Alert } from "@/components/alert";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { EmptyState } from "@/components/empty-state";
import { describeCommandError } from "@/lib/command-error";
import { downloadFile, saveBlob, TransferError, uploadFile } from "@/lib/file-transfer-client";
import { formatTimestamp } from "@/lib/format-time";
import { breadcrumbs, childPath } from "@/lib/remote-path";
import { trpc } from "@/lib/trpc-client";
import type { FileListOutput } from "@/server/contracts/files";
import { FileTable, type FileRow } from "./file-table";
import { TransferList, UploadDropZone, type Transfer } from "./file-transfers";
import { RefreshButton } from "./refresh-button";

type FilePanelProps = { agentId: string; deviceName: string; online: boolean };

let transferCount = 0;

export function FilePanel({ agentId, deviceName, online }: FilePanelProps) {
  const [path, setPath] = useState("");
  const [listing, setListing] = useState<FileListOutput | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [transfers, setTransfers] = useState<Transfer[]>([]);
  const [overwrites, setOverwrites] = useState<{ file: File; folder: string }[]>([]);

  const load = useCallback(
    async (target: string) => {
      setLoading(true);
      setError(null);
      try {
        const result = await trpc.files.list.query({ agentId, path: target });
        setListing(result);
        setPath(result.path);
      } catch (failure) {
        setError(describeCommandError(failure, { offline: `${deviceName} is offline, so its files cannot be listed. Refresh once the agent has reconnected.`, notFound: `${target} does not exist on ${deviceName}.` }).message);
      } finally {
        setLoading(false);
      }
    },
    [agentId, deviceName],
  );

  useEffect(() => {
    if (online) void load("");
  }, [online, load]);

  const update = (id: string, change: Partial<Transfer>) => setTransfers((all) => all.map((transfer) => (transfer.id === id ? { ...transfer, ...change } : transfer)));
  const begin = (direction: Transfer["direction"], name: string, total: number) => {
    const id = `transfer-${++transferCount}`;
    const started: Transfer = { id, direction, name, done: 0, total, state: "running" };
    setTransfers((all) => [started, ...all].slice(0, 8));
    return id;
  };

  async function download(entry: FileRow) {
    const id = begin("download", entry.name, entry.sizeBytes ?? 0);
    try {
      const url = `/files/${encodeURIComponent(agentId)}/download?path=${encodeURIComponent(entry.path)}`;
      const { blob, name } = await downloadFile(url, entry.name, ({ done, total }) => update(id, { done, total: total || (entry.sizeBytes ?? 0) }));
      saveBlob(blob, name);
      update(id, { state: "done" });
    } catch (failure) {
      update(id, { state: "failed", message: failure instanceof Error ? failure.message : String(failure) });
    }
  }

  async function upload(file: File, folder: string, overwrite: boolean) {
    const id = begin("upload", file.name, file.size);
    try {
      const url = `/api/agents/${encodeURIComponent(agentId)}/files`;
      const result = await uploadFile(url, { dest: childPath(folder, file.name), file, overwrite }, ({ done, total }) => update(id, { done, total, state: done >= total ? "finishing" : "running" }));
      update(id, { state: "done", done: result.sizeBytes, message: `Saved as ${result.path} (SHA-256 ${result.sha256.slice(0, 16)}…)` });
      if (folder === path) void load(folder);
    } catch (failure) {
      if (failure instanceof TransferError && failure.status === 409) {
        setTransfers((all) => all.filter((transfer) => transfer.id !== id));
        setOverwrites((queue) => [...queue, { file, folder }]);
        return;
      }
      update(id, { state: "failed", message: failure instanceof Error ? failure.message : String(failure) });
    }
  }

  function onFiles(files: File[]) {
    const existing = new Set(listing?.entries.map((entry) => entry.name));
    const asks = files.filter((file) => existing.has(file.name));
    for (const file of files.filter((candidate) => !existing.has(candidate.name))) void upload(file, path, false);
    if (asks.length > 0) setOverwrites((queue) => [...queue, ...asks.map((file) => ({ file, folder: path }))]);
  }

  const asking = overwrites[0] ?? null;
  const answer = (replace: boolean) => {
    if (asking && replace) void upload(asking.file, asking.folder, true);
    setOverwrites((queue) => queue.slice(1));
  };

  const offline = online ? null : `${deviceName} is offline`;
  const uploadBlocked = offline ?? (path === "" ? "Open a folder to upload files into it." : null);

  return (
    <section aria-labelledby="files-title" className="mt-6">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <h2 id="files-title" className="text-sm font-semibold text-slate-900">
            Files
          </h2>
          <p className="text-xs text-slate-500">{listing ? <>retrieved {formatTimestamp(listing.retrievedAt)}</> : loading ? "Asking the agent…" : "Not retrieved yet"}</p>
        </div>
        <RefreshButton onClick={() => void load(path)} disabled={!online} busy={loading} />
      </div>
      <nav aria-label="Folder" className="mb-3 flex flex-wrap items-center gap-1 font-mono text-xs">
        {breadcrumbs(path).map((crumb, index, trail) => (
          <span key={crumb.path} className="inline-flex items-center gap-1">
            {index > 0 ? (
              <span aria-hidden className="text-slate-300">
                ›
              </span>
            ) : null}
            {index === trail.length - 1 ? (
              <span aria-current="location" className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-900">
                {crumb.label}
              </span>
            ) : (
              <button type="button" disabled={!online} onClick={() => void load(crumb.path)} className="rounded px-1.5 py-0.5 text-sky-700 hover:bg-sky-50 hover:underline disabled:text-slate-400">
                {crumb.label}
              </button>
            )}
          </span>
        ))}
      </nav>
      <UploadDropZone folder={path} disabledReason={uploadBlocked} onFiles={onFiles} />
      <TransferList transfers={transfers} />
      {error ? (
        <div className="mb-3">
          <Alert tone="error">{error}</Alert>
        </div>
      ) : null}
      {listing?.truncated ? (
        <div className="mb-3">
          <Alert tone="info">This folder holds more entries than the agent lists at once; only the first {listing.entries.length} are shown.</Alert>
        </div>
      ) : null}
      {listing ? (
        <FileTable entries={listing.entries} onOpen={(entry) => void load(entry.path)} onDownload={(entry) => void download(entry)} downloadDisabledReason={offline} />
      ) : error ? null : (
        <EmptyState title={!online ? "The device is offline" : "Asking the agent for its files…"}>
          <p>{online ? "The agent lists the folders and files it can read." : "Its files can be browsed once the agent reconnects."}</p>
        </EmptyState>
      )}
      <ConfirmDialog
        open={asking !== null}
        title={asking ? `Replace ${asking.file.name} on ${deviceName}?` : ""}
        confirmLabel="Replace file"
        onConfirm={() => answer(true)}
        onCancel={() => answer(false)}
      >
        <p>
          <span className="font-mono">{asking ? childPath(asking.folder, asking.file.name) : ""}</span> already exists. Uploading replaces it once the whole new file has arrived intact. This is
          recorded in the audit log.
        </p>
      </ConfirmDialog>
    </section>
  );
}
