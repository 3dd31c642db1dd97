/** Request schemas of enrollment tokens and agent downloads. */
import { z } from "zod";

const enrollmentFields = {
  label: z.string({ error: "must be a string" }).trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
  ttlHours: z.number({ error: "must be a number" }).int().min(1, "must be at least 1").max(24 * 90, "must be at most 2160 (90 days)").default(24),
  maxUses: z.number({ error: "must be a number" }).int().min(1, "must be at least 1").max(10_000, "must be at most 10000").default(1),
};

export const createEnrollmentInput = z.strictObject(enrollmentFields);

/** `POST /api/v1/agents/register`: the same token, with a default label. */
export const registerAgentInput = z.strictObject({ ...enrollmentFields, label: enrollmentFields.label.default("api registration") }).default({ label: "api registration", ttlHours: 24, maxUses: 1 });

export const revokeEnrollmentInput = z.strictObject({ id: z.uuid({ error: "must be a token id" }) });

export const AGENT_PLATFORMS = ["windows", "linux"] as const;
export const agentDownloadInput = z.strictObject({
  platform: z.enum(AGENT_PLATFORMS, { error: "must be windows or linux" }).default("windows"),
});
export type AgentPlatform = (typeof AGENT_PLATFORMS)[number];

/** What a download embeds: a fresh token with this lifetime and number of uses. */
export const DOWNLOAD_TOKEN_POLICY = { ttlHours: 24, maxUses: 10 } as const;
