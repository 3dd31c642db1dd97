/**
 * Streamed file transfer, beside the chunk commands of files.ts: a command opens the stream, the
 * bytes travel as binary frames between gateway and agent (stream-frames.ts), never as base64 and
 * never through PostgreSQL, and each side says when its half is done with `file-stream-end`.
 *
 * The side that sends registers first and waits; the side that receives registers second and
 * grants the first window of credit (stream-window.ts), so no byte is sent before there is
 * somewhere to put it, whichever of the bus and the relay connection is faster:
 *
 * - download: `file-stream-download` (the agent opens the file and answers its size and date at
 *   once), then the web process opens the gateway's relay, and the gateway grants credit;
 * - upload: the web process opens the relay first, then `file-stream-upload` (the agent opens the
 *   upload's temporary file, see `upload-file-start`, and grants credit).
 */
import { z } from "zod";
import { isoTimestamp } from "./common";
import { commandError, defineCommand, type CommandSpec } from "./envelope";
import { fileSize, remotePath, uploadId } from "./files";
import { sha256Hex } from "./lifecycle";

/** Chosen by the web process for each transfer; names it in frames, messages and the relay's URL. */
export const transferId = z.uuid();

/** The most a receiver lets a sender have in flight without acknowledgement. */
export const STREAM_WINDOW_BYTES = 4 * 1024 * 1024;
/** Credit is granted in steps of at least this much, so acknowledgements stay few. */
export const STREAM_CREDIT_STEP_BYTES = 1024 * 1024;
/** The largest data frame (payload only); a larger one is a protocol violation. */
export const STREAM_FRAME_MAX_BYTES = 256 * 1024;
/**
 * A sender queues at most this much in its WebSocket before waiting for the socket to take it, so
 * the control messages on the same socket (commands, pings) never wait behind a whole window.
 */
export const STREAM_SEND_QUEUE_BYTES = 512 * 1024;
/** A sender whose receiver has not granted anything by then gives up (the other side never came). */
export const STREAM_START_TIMEOUT_MS = 30_000;

export const fileStreamDownloadCommand = defineCommand("file-stream-download", { transferId, path: remotePath });

/** Answered as soon as the file is open, before any byte: the size goes into the HTTP answer's headers. */
export const fileStreamDownloadResult = z.object({ transferId, path: remotePath, totalBytes: fileSize, modifiedAt: isoTimestamp });

/** Continues the upload `uploadId` (started with `upload-file-start`) at `offset`, its `receivedBytes`. */
export const fileStreamUploadCommand = defineCommand("file-stream-upload", { transferId, uploadId, offset: fileSize });

export const fileStreamUploadResult = z.object({ transferId, uploadId, receivedBytes: fileSize });

const endBase = { type: z.literal("file-stream-end"), transferId };
const endFailed = z.object({ ...endBase, ok: z.literal(false), error: commandError });

/**
 * Agent → gateway: the agent's half is done. A download's sender names the bytes it sent and their
 * SHA-256; an upload's receiver the bytes it wrote (the whole file's hash is checked by
 * `upload-file-end`, so none is needed here).
 */
export const agentStreamEndMessage = z.discriminatedUnion("ok", [z.object({ ...endBase, ok: z.literal(true), bytes: fileSize, sha256: sha256Hex.optional() }), endFailed]);

/** Gateway → agent: the relay's half is done: an upload's body ended after `bytes`, or the relay failed (its client went away). */
export const gatewayStreamEndMessage = z.discriminatedUnion("ok", [z.object({ ...endBase, ok: z.literal(true), bytes: fileSize }), endFailed]);

export const fileStreamCommands = {
  "file-stream-download": { command: fileStreamDownloadCommand, result: fileStreamDownloadResult },
  "file-stream-upload": { command: fileStreamUploadCommand, result: fileStreamUploadResult },
} satisfies Record<string, CommandSpec>;

export type FileStreamDownloadResult = z.infer<typeof fileStreamDownloadResult>;
export type AgentStreamEndMessage = z.infer<typeof agentStreamEndMessage>;
export type GatewayStreamEndMessage = z.infer<typeof gatewayStreamEndMessage>;
