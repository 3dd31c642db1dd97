/**
 * Deployments (installer links): what creating one takes, and what lists show. Install flags are
 * passed to the agent as separate arguments, never through a shell, and still limited to a charset
 * that no shell or PowerShell treats specially, so the one-liners shown with them are safe to paste.
 */
import { z } from "zod";
import { AGENT_PLATFORMS } from "./enrollment";
import { clientIdInput, siteIdInput, tenantRef } from "./tenancy";

/** Tactical RMM's architectures; the macOS ones are refused (there is no macOS agent). */
export const DEPLOYMENT_ARCHES = ["amd64", "arm64"] as const;
const REQUESTED_ARCHES = [...DEPLOYMENT_ARCHES, "amd64-mac", "arm64-mac"] as const;
export type DeploymentArch = (typeof DEPLOYMENT_ARCHES)[number];

export const INSTALL_FLAGS_MAX = 500;
/** Letters, digits and `- _ . , : / = @ +`, separated by single spaces. */
const INSTALL_FLAGS_PATTERN = /^[A-Za-z0-9_.,:/=@+-]+( [A-Za-z0-9_.,:/=@+-]+)*$/;

export const installFlagsSchema = z
  .string({ error: "must be a string" })
  .trim()
  .max(INSTALL_FLAGS_MAX, `must be at most ${INSTALL_FLAGS_MAX} characters`)
  .refine((flags) => flags === "" || INSTALL_FLAGS_PATTERN.test(flags), "may contain only letters, digits, spaces and - _ . , : / = @ +")
  .default("");

/** The agent's arguments from the flags. */
export const installArgs = (flags: string): string[] => (flags === "" ? [] : flags.split(" "));

/** A deployment lives at most this long, as enrollment tokens do. */
export const DEPLOYMENT_MAX_DAYS = 90;

export const createDeploymentInput = z.strictObject({
  clientId: clientIdInput,
  siteId: siteIdInput,
  platform: z.enum(AGENT_PLATFORMS, { error: "must be windows or linux" }).default("windows"),
  arch: z
    .enum(REQUESTED_ARCHES, { error: "must be amd64 or arm64" })
    .refine((arch) => !arch.endsWith("-mac"), "there is no macOS agent: use amd64 or arm64")
    .transform((arch) => arch as DeploymentArch)
    .default("amd64"),
  expiresAt: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date and time, e.g. 2026-04-22T10:00:00Z" }),
  installFlags: installFlagsSchema,
  /** How many machines its token may enroll (SSH deployments make single-use ones). */
  maxUses: z.number({ error: "must be a number" }).int().min(1, "must be at least 1").max(10_000, "must be at most 10000").default(1000),
});
export type CreateDeployment = z.output<typeof createDeploymentInput>;

export const revokeDeploymentInput = z.strictObject({ id: z.number({ error: "must be a deployment id" }).int("must be a deployment id").min(1, "must be a deployment id").max(2 ** 31 - 1, "must be a deployment id") });

export const deploymentSummary = z.object({
  id: z.number().int(),
  uuid: z.string(),
  client: tenantRef,
  site: tenantRef,
  platform: z.enum(AGENT_PLATFORMS),
  arch: z.enum(DEPLOYMENT_ARCHES),
  installFlags: z.string(),
  expiresAt: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  downloadCount: z.number().int(),
  /** The installer, without signing in: the link is the secret. */
  downloadUrl: z.string(),
  /** A Linux host's one-liner fetches this script (`curl -fsSL '<url>' | sudo sh`). */
  installScriptUrl: z.string(),
});
export type DeploymentSummary = z.infer<typeof deploymentSummary>;

/** `POST /api/agents/deploy` (specification 002's field names). */
export const sshDeployInput = z.strictObject({
  host: z.string({ error: "must be a host name or address" }).regex(/^[A-Za-z0-9.:-]{1,253}$/, "must be a host name or address"),
  ssh_user: z.string({ error: "must be a user name" }).regex(/^[a-z_][a-z0-9_.-]{0,31}$/, "must be a user name"),
  ssh_port: z.number({ error: "must be a port" }).int().min(1, "must be a port").max(65535, "must be a port").default(22),
  ssh_key: z.string({ error: "must be the private key's text" }).max(16_384, "must be at most 16384 characters").refine((key) => key.includes("PRIVATE KEY-----"), "must be the private key itself (PEM or OpenSSH text), not a path"),
  ssh_key_passphrase: z.string().max(1024).optional(),
  label: z.string({ error: "must be a string" }).trim().max(100, "must be at most 100 characters").default(""),
  /** The site the new agent belongs to; the default site when absent. */
  site: siteIdInput.optional(),
});
export type SshDeployInput = z.output<typeof sshDeployInput>;

export const sshDeployResult = z.object({
  /** Not known when the answer is sent: the agent enrolls once it starts (see `deployment`). */
  agent_id: z.null(),
  deployment: z.string().describe("The uuid of the single-use deployment link it installed from"),
  status: z.enum(["deployed", "failed"]),
  exit_code: z.number().int().nullable(),
  output: z.string(),
});
