/** Request schemas of enrollment tokens and agent downloads. */
import { z } from "zod";
import { siteIdInput, tenantRef } from "./tenancy";

const enrollmentFields = {
  label: z.string({ error: "must be a string" }).trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
  ttlHours: z.number({ error: "must be a number" }).int().min(1, "must be at least 1").max(24 * 90, "must be at most 2160 (90 days)").default(24),
  maxUses: z.number({ error: "must be a number" }).int().min(1, "must be at least 1").max(10_000, "must be at most 10000").default(1),
  /** Where the agents it enrolls belong; the default site when absent. */
  siteId: siteIdInput.optional(),
};

export const createEnrollmentInput = z.strictObject(enrollmentFields);

/** `POST /api/v1/agents/register`: the same token, with a default label. */
export const registerAgentInput = z.strictObject({ ...enrollmentFields, label: enrollmentFields.label.default("api registration") }).default({ label: "api registration", ttlHours: 24, maxUses: 1 });

export const revokeEnrollmentInput = z.strictObject({ id: z.uuid({ error: "must be a token id" }) });

export const AGENT_PLATFORMS = ["windows", "linux"] as const;
export const agentDownloadInput = z.strictObject({
  platform: z.enum(AGENT_PLATFORMS, { error: "must be windows or linux" }).default("windows"),
  siteId: siteIdInput.optional(),
});
export type AgentPlatform = (typeof AGENT_PLATFORMS)[number];

/** What a download embeds: a fresh token with this lifetime and number of uses. */
export const DOWNLOAD_TOKEN_POLICY = { ttlHours: 24, maxUses: 10 } as const;

export const ENROLLMENT_TOKEN_STATES = ["active", "expired", "used up", "revoked"] as const;

/** A token as lists show it: never the token or its hash. */
export const enrollmentTokenSummary = z.object({
  id: z.string(),
  label: z.string(),
  createdBy: z.string(),
  createdAt: z.date(),
  expiresAt: z.date(),
  maxUses: z.number().int(),
  uses: z.number().int(),
  revokedAt: z.date().nullable(),
  state: z.enum(ENROLLMENT_TOKEN_STATES),
  /** Where the agents it enrolls land. */
  client: tenantRef,
  site: tenantRef,
});

/** The answer to a creation: the only time the token itself is shown. */
export const newEnrollmentToken = z.object({ id: z.string(), token: z.string(), label: z.string(), expiresAt: z.date(), maxUses: z.number().int(), client: tenantRef, site: tenantRef });

/** What a download is made of; the REST route zips it. */
export const agentPackage = z.object({
  binaryPath: z.string(),
  binaryName: z.string(),
  script: z.object({ name: z.string(), text: z.string() }),
  serverJson: z.object({ gatewayUrl: z.string(), enrollmentToken: z.string() }),
  expiresAt: z.string(),
  maxUses: z.number().int(),
});
