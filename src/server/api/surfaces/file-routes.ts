/**
 * The file routes that are not one procedure call: streamed downloads (spec 000
 * `GET /files/{agentId}/download`, spec 002 `GET /api/agents/{id}/files`), the base64 JSON upload
 * (spec 000) and the multipart upload streamed through busboy (spec 002). The bytes take the
 * gateway's file relay when the agent and its gateway have one (src/server/file-relay/), else the
 * chunk commands. Every agent call goes through the files procedures, so roles, tenancy,
 * validation and the audit log are theirs.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import { z } from "zod";
import { getConfig } from "../../config";
import { jsonUploadBody, uploadAnswer, type UploadFinishOutput } from "../../contracts/files";
import type { createCaller } from "../../routers";
import { AppError } from "../../errors";
import { FILE_SIZE_HEADER } from "../../http/file-size-header";
import type { Db } from "../../db/client";
import { findRelay, type RelayTarget } from "../../file-relay/relay-target";
import { openRelayedDownload } from "../../file-relay/relayed-download";
import { sendThroughRelay } from "../../file-relay/relayed-upload";
import { contentDisposition, openDownload, pushUpload, remoteBaseName, sendInChunks, type OpenDownload, type UploadSteps } from "../../services/file-transfer";
import { readJsonBody } from "../request-body";
import type { CustomRoute } from "../surface";

type Caller = ReturnType<typeof createCaller>;
const TAG = "Files";

/** An upload's steps; its bytes go through the relay when the agent and its gateway have one. */
async function uploadSteps(caller: Caller, db: Db, agentId: string): Promise<UploadSteps> {
  const relay = await findRelay(db, agentId, "file-stream-upload");
  return {
    start: (input) => caller.files.uploadStart({ agentId, ...input }),
    send: relay ? sendThroughRelay(relay, (input) => caller.files.uploadStream({ agentId, ...input })) : sendInChunks((input) => caller.files.uploadChunk({ agentId, ...input })),
    finish: (input) => caller.files.uploadFinish({ agentId, ...input }),
  };
}

async function openThroughRelay(caller: Caller, relay: RelayTarget, path: string): Promise<OpenDownload> {
  const opened = await caller.files.openDownloadStream({ agentId: relay.agentId, path });
  return { name: remoteBaseName(opened.path), totalBytes: opened.totalBytes, modifiedAt: opened.modifiedAt, body: await openRelayedDownload(relay, opened) };
}

const answer = (result: UploadFinishOutput) => ({ success: true, message: `Uploaded ${result.sizeBytes} bytes to ${result.path}`, ...result });

async function download(caller: Caller, db: Db, agentId: string, path: string | null): Promise<Response> {
  if (!path) throw new AppError("BAD_REQUEST", "Invalid query", { details: [{ field: "path", message: "required" }] });
  const relay = await findRelay(db, agentId, "file-stream-download");
  const file = relay ? await openThroughRelay(caller, relay, path) : await openDownload((offset) => caller.files.readChunk({ agentId, path, offset }), remoteBaseName);
  return new Response(file.body, {
    headers: {
      "content-type": "application/octet-stream",
      "content-length": String(file.totalBytes),
      // Next drops Content-Length; the web server restores it from this (file-size-header.ts).
      [FILE_SIZE_HEADER]: String(file.totalBytes),
      "content-disposition": contentDisposition(file.name),
      "last-modified": new Date(file.modifiedAt).toUTCString(),
      "cache-control": "no-store",
    },
  });
}

const downloadQuery = z.object({ path: z.string().describe("Absolute path of the file on the device") });

const downloadRoute = (path: string, param: string): CustomRoute => ({
  method: "GET",
  path,
  summary: "Download a file from the device, streamed through the gateway's file relay (file-stream-download; chunk by chunk with download-file from older agents), checked against the agent's SHA-256",
  description: "`Content-Length` is the file's size; a transfer that ends short failed (the file changed, the bytes did not match the agent's SHA-256, or the agent went away).",
  tag: TAG,
  status: 200,
  kind: "binary",
  access: { procedure: "files.readChunk" },
  query: downloadQuery,
  handle: ({ caller, context, params, query }) => download(caller, context.db, params[param]!, query.get("path")),
});

const jsonUploadRoute: CustomRoute = {
  method: "POST",
  path: "/files/{agentId}/upload",
  summary: "Upload a file as base64 JSON; sent to the agent through the gateway's file relay (in 256 KiB chunks, upload-file-chunk, to older agents), checked by SHA-256 and renamed into place",
  description: "409 when the file exists and `overwrite` is not true. Pass the same `uploadId` again to resume an interrupted upload. The body is limited by FILE_UPLOAD_JSON_MAX_BYTES.",
  tag: TAG,
  status: 200,
  kind: "json",
  access: { procedure: "files.uploadStart" },
  body: jsonUploadBody,
  response: uploadAnswer,
  handle: async ({ request, params, caller, context }) => {
    const parsed = jsonUploadBody.safeParse((await readJsonBody(request, getConfig().FILE_UPLOAD_JSON_MAX_BYTES)) ?? {});
    if (!parsed.success) throw parsed.error;
    const { data, ...rest } = parsed.data;
    const bytes = Buffer.from(data, "base64");
    const result = await pushUpload(await uploadSteps(caller, context.db, params.agentId!), { ...rest, totalBytes: bytes.length, source: [bytes], limitBytes: getConfig().FILE_UPLOAD_MAX_BYTES });
    return { payload: answer(result) };
  },
};

/** The form's fields before the file (busboy streams in order); the query may carry them instead. */
type FormFields = { dest?: string; overwrite?: string; upload_id?: string };

const truthy = (value: string | undefined) => value === "1" || value === "true" || value === "on";

/** Streams the multipart body's `file` part to the agent as it arrives: nothing is buffered beyond one chunk. */
async function multipartUpload(request: Request, query: URLSearchParams, steps: UploadSteps): Promise<UploadFinishOutput> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(contentType)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the file as multipart/form-data with the fields dest and file");
  if (!request.body) throw new AppError("BAD_REQUEST", "The request has no body");
  const limitBytes = getConfig().FILE_UPLOAD_MAX_BYTES;
  const fields: FormFields = Object.fromEntries(["dest", "overwrite", "upload_id"].flatMap((name) => (query.has(name) ? [[name, query.get(name)!]] : [])));
  const parser = busboy({ headers: { "content-type": contentType }, limits: { files: 1, fields: 10, fieldSize: 8192, fileSize: limitBytes } });

  let upload: Promise<UploadFinishOutput> | undefined;
  // A refused upload (409, offline agent) is answered at once, not after the rest of the body arrived.
  let refuse: (error: unknown) => void = () => undefined;
  const refused = new Promise<never>((_resolve, reject) => (refuse = reject));
  refused.catch(() => undefined);
  parser.on("field", (name, value) => {
    if (name === "dest" || name === "overwrite" || name === "upload_id") fields[name] ??= value;
  });
  parser.on("file", (name, stream) => {
    if (name !== "file" || upload) {
      stream.resume();
      return;
    }
    const source = (async function* () {
      for await (const piece of stream as AsyncIterable<Buffer>) yield piece;
      if ((stream as { truncated?: boolean }).truncated) throw new AppError("PAYLOAD_TOO_LARGE", `The file is larger than the upload limit of ${limitBytes} bytes`);
    })();
    upload = fields.dest
      ? pushUpload(steps, { path: fields.dest, overwrite: truthy(fields.overwrite), ...(fields.upload_id ? { uploadId: fields.upload_id } : {}), source, limitBytes })
      : Promise.reject(new AppError("BAD_REQUEST", "Invalid request", { details: [{ field: "dest", message: "required, before the file field" }] }));
    // Whatever happens to the upload, the rest of the form must still be read (or the parser stalls).
    upload.catch((error: unknown) => {
      stream.resume();
      refuse(error);
    });
  });

  const parsing = pipeline(Readable.fromWeb(request.body as never), parser);
  // The upload's own error (refused, offline agent) is the one worth answering.
  const parsed = await Promise.race([parsing.then(() => null, (error: unknown) => error), refused]);
  if (!upload) throw parsed ? new AppError("BAD_REQUEST", `Malformed multipart body: ${(parsed as Error).message}`) : new AppError("BAD_REQUEST", "Invalid request", { details: [{ field: "file", message: "required" }] });
  return upload;
}

const multipartUploadRoute: CustomRoute = {
  method: "POST",
  path: "/{agent_id}/files",
  summary: "Upload a file (multipart/form-data: `dest`, then `file`), streamed to the agent through the gateway's file relay (256 KiB chunks to older agents) and renamed into place once its SHA-256 matches",
  description:
    "Fields: `dest` (absolute path on the device; must come before `file`, or be given as a query parameter), `file`, optional `overwrite` (true to replace an existing file, else 409) and `upload_id` (8-64 letters, digits, '-', '_': send the same one again to resume an interrupted upload). Limited by FILE_UPLOAD_MAX_BYTES.",
  tag: TAG,
  status: 200,
  kind: "json",
  access: { procedure: "files.uploadStart" },
  response: uploadAnswer,
  handle: async ({ request, params, query, caller, context }) => ({ payload: answer(await multipartUpload(request, query, await uploadSteps(caller, context.db, params.agent_id!))) }),
};

export const spec000FileRoutes: CustomRoute[] = [downloadRoute("/files/{agentId}/download", "agentId"), jsonUploadRoute];
export const agentsApiFileRoutes: CustomRoute[] = [downloadRoute("/{agent_id}/files", "agent_id"), multipartUploadRoute];
