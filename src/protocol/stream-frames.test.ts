import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { STREAM_FRAME_MAX_BYTES } from "./file-stream";
import { allocateDataFrame, decodeStreamFrame, encodeCreditFrame, encodeDataFrame, STREAM_FRAME_HEADER_BYTES } from "./stream-frames";

describe("stream frames", () => {
  it("carry a transfer id and the bytes, or a credit, through encode and decode", () => {
    const transferId = randomUUID();
    const payload = Buffer.from("hello, file");
    expect(decodeStreamFrame(encodeDataFrame(transferId, payload))).toEqual({ kind: "data", transferId, payload });
    expect(decodeStreamFrame(encodeCreditFrame(transferId, 4 * 1024 * 1024))).toEqual({ kind: "credit", transferId, bytes: 4 * 1024 * 1024 });
  });

  it("let the sender fill a data frame in place after its header", () => {
    const transferId = randomUUID();
    const frame = allocateDataFrame(transferId, 3);
    frame.set([7, 8, 9], STREAM_FRAME_HEADER_BYTES);
    expect(decodeStreamFrame(frame)).toEqual({ kind: "data", transferId, payload: Buffer.from([7, 8, 9]) });
  });

  it("refuse unknown kinds, empty or oversized data, zero credit and short frames", () => {
    const transferId = randomUUID();
    const unknownKind = encodeDataFrame(transferId, Buffer.from("x"));
    unknownKind[0] = 9;
    const longCredit = Buffer.concat([encodeCreditFrame(transferId, 5), Buffer.from([0])]);
    for (const frame of [unknownKind, longCredit, allocateDataFrame(transferId, 0), encodeCreditFrame(transferId, 0), Buffer.from([1, 2, 3]), allocateDataFrame(transferId, STREAM_FRAME_MAX_BYTES + 1)]) {
      expect(decodeStreamFrame(frame)).toBeNull();
    }
    expect(decodeStreamFrame(allocateDataFrame(transferId, STREAM_FRAME_MAX_BYTES))).toMatchObject({ kind: "data" });
  });
});
