/**
 * Field schemas shared by several protocol domains (timestamps, percentages,
 * byte counts, identifiers), so each rule is written once.
 */
import { z } from "zod";

/** ISO-8601 timestamp; an explicit offset is accepted as well as `Z`. */
export const isoTimestamp = z.iso.datetime({ offset: true });

/** Percentage of a whole machine resource, 0..100. */
export const percent = z.number().min(0).max(100);

/** Byte counts and rates are never negative and must survive JSON as exact integers. */
export const byteCount = z.number().int().nonnegative();

/** Rates are averages over a sampling window, so they may be fractional. */
export const bytesPerSecond = z.number().nonnegative();

/** Server-chosen identifier of a session, run or upload (uuid in practice, not required). */
export const identifier = z.string().min(1).max(128);

/** Human-readable text bounded so one field cannot dominate a message. */
export const shortText = (max = 1024) => z.string().max(max);

/** A process id as reported by the OS (Windows' System Idle Process is pid 0). */
export const processId = z.number().int().nonnegative();

/** Acknowledgement for commands whose outcome arrives later as a separate event. */
export const accepted = z.object({ accepted: z.literal(true) });
