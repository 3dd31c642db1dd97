/**
 * The browser's half of file transfers, with progress: a download read from the streamed REST
 * answer (its Content-Length is the file's size, so a short transfer is a failure), and an upload
 * sent as multipart form data, which the server streams to the agent in 256 KiB chunks as it
 * arrives (so the bytes sent are, within a few socket buffers, the bytes the agent has).
 */
export type Progress = { done: number; total: number };

export class TransferError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function errorText(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: string } | null;
  return body?.error ?? `The server answered ${response.status}`;
}

/** The file's name from `filename*=UTF-8''…`, else `filename="…"`. */
export function dispositionName(header: string | null, fallback: string): string {
  const encoded = header?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // fall through to the plain name
    }
  }
  return header?.match(/filename="([^"]*)"/i)?.[1] ?? fallback;
}

export async function downloadFile(url: string, fallbackName: string, onProgress: (progress: Progress) => void, signal?: AbortSignal): Promise<{ blob: Blob; name: string }> {
  const response = await fetch(url, { credentials: "same-origin", signal });
  if (!response.ok || !response.body) throw new TransferError(response.status, await errorText(response));
  const total = Number(response.headers.get("content-length") ?? response.headers.get("x-file-size") ?? "0");
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let done = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done: finished, value } = await reader.read();
    if (finished) break;
    parts.push(value as Uint8Array<ArrayBuffer>);
    done += value.byteLength;
    onProgress({ done, total });
  }
  if (total && done !== total) throw new TransferError(502, `The transfer stopped after ${done} of ${total} bytes`);
  return { blob: new Blob(parts), name: dispositionName(response.headers.get("content-disposition"), fallbackName) };
}

/** Hands a downloaded file to the browser's save mechanism. */
export function saveBlob(blob: Blob, name: string) {
  const href = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement("a"), { href, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

export type UploadResult = { path: string; sizeBytes: number; sha256: string };

export function uploadFile(url: string, input: { dest: string; file: File; overwrite: boolean }, onProgress: (progress: Progress) => void): Promise<UploadResult> {
  const form = new FormData();
  // `dest` first: the server streams the file part as it arrives and must know where it goes.
  form.append("dest", input.dest);
  if (input.overwrite) form.append("overwrite", "true");
  form.append("file", input.file, input.file.name);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.responseType = "json";
    request.upload.onprogress = (event) => onProgress({ done: Math.min(event.loaded, input.file.size), total: input.file.size });
    request.onload = () => {
      const body = request.response as (UploadResult & { error?: string }) | null;
      if (request.status === 200 && body) resolve(body);
      else reject(new TransferError(request.status, body?.error ?? `The server answered ${request.status}`));
    };
    request.onerror = () => reject(new TransferError(0, "The server could not be reached. Check your connection and try again."));
    request.send(form);
  });
}
