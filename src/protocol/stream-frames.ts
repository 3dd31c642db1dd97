/**
 * The binary WebSocket frames of a file stream (file-stream.ts), both directions. A fixed 17-byte
 * header, then the body:
 *
 *   byte 0       kind: 1 = data, 2 = credit
 *   bytes 1-16   the transfer id, the UUID's 16 bytes
 *   data:        the file's bytes (1 to STREAM_FRAME_MAX_BYTES)
 *   credit:      4 bytes, unsigned big-endian: how many more bytes the receiver accepts
 *
 * Binary, not JSON: the bytes are never copied into a string, and a credit is 21 bytes.
 */
import { STREAM_FRAME_MAX_BYTES } from "./file-stream";

export const STREAM_FRAME_HEADER_BYTES = 17;
const KIND_DATA = 1;
const KIND_CREDIT = 2;
const CREDIT_BYTES = 4;

export type StreamFrame = { kind: "data"; transferId: string; payload: Buffer } | { kind: "credit"; transferId: string; bytes: number };

function writeHeader(frame: Buffer, kind: number, transferId: string): void {
  frame[0] = kind;
  frame.write(transferId.replaceAll("-", ""), 1, 16, "hex");
}

function readTransferId(frame: Buffer): string {
  const hex = frame.toString("hex", 1, STREAM_FRAME_HEADER_BYTES);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A data frame with room for `size` bytes after its header: the sender reads the file straight
 * into `frame.subarray(STREAM_FRAME_HEADER_BYTES)`, so the bytes are not copied to add the header.
 */
export function allocateDataFrame(transferId: string, size: number): Buffer {
  const frame = Buffer.allocUnsafe(STREAM_FRAME_HEADER_BYTES + size);
  writeHeader(frame, KIND_DATA, transferId);
  return frame;
}

export function encodeDataFrame(transferId: string, payload: Uint8Array): Buffer {
  const frame = allocateDataFrame(transferId, payload.byteLength);
  frame.set(payload, STREAM_FRAME_HEADER_BYTES);
  return frame;
}

export function encodeCreditFrame(transferId: string, bytes: number): Buffer {
  const frame = Buffer.allocUnsafe(STREAM_FRAME_HEADER_BYTES + CREDIT_BYTES);
  writeHeader(frame, KIND_CREDIT, transferId);
  frame.writeUInt32BE(bytes, STREAM_FRAME_HEADER_BYTES);
  return frame;
}

/** The frame, or null for anything else (unknown kind, wrong length, empty data, zero credit). */
export function decodeStreamFrame(frame: Buffer): StreamFrame | null {
  if (frame.length <= STREAM_FRAME_HEADER_BYTES) return null;
  const kind = frame[0];
  if (kind === KIND_DATA) {
    if (frame.length > STREAM_FRAME_HEADER_BYTES + STREAM_FRAME_MAX_BYTES) return null;
    return { kind: "data", transferId: readTransferId(frame), payload: frame.subarray(STREAM_FRAME_HEADER_BYTES) };
  }
  if (kind === KIND_CREDIT && frame.length === STREAM_FRAME_HEADER_BYTES + CREDIT_BYTES) {
    const bytes = frame.readUInt32BE(STREAM_FRAME_HEADER_BYTES);
    return bytes > 0 ? { kind: "credit", transferId: readTransferId(frame), bytes } : null;
  }
  return null;
}
