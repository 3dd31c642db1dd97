/**
 * The device a page under /devices/[agentId] shows, read once per request however many of the
 * layout, its pages and their metadata ask; not found when unknown or of another client.
 */
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireSession } from "@/lib/session";

export const loadDevice = cache(async (segment: string) => {
  const { actor, caller } = await requireSession();
  // Whether the segment arrives percent-decoded is Next's business: decoding twice is harmless for ids.
  const agent = await caller.agents.get({ agentId: decodeURIComponent(segment) }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  });
  return { actor, caller, agent };
});

export type DeviceParams = Promise<{ agentId: string }>;
