/**
 * zod helpers for the quirks of Windows PowerShell's ConvertTo-Json: a
 * one-element collection becomes a bare object, an empty one becomes null,
 * and missing CIM values become null.
 */
import { z } from "zod";

/** Accepts an array, a single object, or null (empty), always yielding an array. */
export function psArray<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (value == null ? [] : Array.isArray(value) ? value : [value]), z.array(item));
}

/** A CIM string that may be null or blank; yields undefined when absent. */
export const psOptionalString = z
  .string()
  .nullish()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

/** A CIM counter: non-negative number (uint64 values arrive as JSON numbers). */
export const psCount = z.number().nonnegative();
