/**
 * Request and response schemas of the agents resource, shared by the dashboard, every REST
 * surface (through presenters) and the OpenAPI documents.
 */
import { z } from "zod";
import { pageOf, pagingFields, searchField } from "./paging";
import { clientIdInput, siteIdInput, tenantRef } from "./tenancy";
import { AGENT_UPDATE_STATES } from "../../protocol/lifecycle";

export const agentIdInput = z.string({ error: "must be a string" }).trim().min(1, "must not be empty").max(128, "must be at most 128 characters");

export const agentRef = z.strictObject({ agentId: agentIdInput });

export const AGENT_SORT_FIELDS = ["name", "status", "lastSeen", "os", "platform", "group", "client", "site", "agentVersion", "createdAt", "bootTime"] as const;
export type AgentSortField = (typeof AGENT_SORT_FIELDS)[number];

export const AGENT_STATUSES = ["online", "offline"] as const;

/**
 * What became of the request that a removed agent remove itself: `confirmed` (it acknowledged and
 * is removing its service and files), `offline` (not connected: nothing was asked), `no-answer`
 * (connected but silent within the wait), `refused` (it answered with an error, e.g. an agent too
 * old to know `uninstall`).
 */
export const UNINSTALL_OUTCOMES = ["confirmed", "offline", "no-answer", "refused"] as const;
export type UninstallOutcome = (typeof UNINSTALL_OUTCOMES)[number];

export const AGENT_UPDATE_RINGS = ["pilot", "general"] as const;
export type AgentUpdateRing = (typeof AGENT_UPDATE_RINGS)[number];

/**
 * Where an agent stands with self-update: `current` (nothing newer), `scheduled` (newer, its ring
 * is not due yet), `pending` (due; offered at its next connection or sweep), then the state of
 * the latest offer as the gateway and the agent report it.
 */
export const AGENT_UPDATE_VIEW_STATES = ["current", "scheduled", "pending", "offered", ...AGENT_UPDATE_STATES] as const;

export const agentUpdateView = z.object({
  state: z.enum(AGENT_UPDATE_VIEW_STATES),
  /** The release this is about; null when current. */
  version: z.string().nullable(),
  /** When the agent's ring is due for that release. */
  dueAt: z.string().nullable(),
  /** The agent's explanation of a failure, rollback or refusal. */
  message: z.string().nullable(),
});
export type AgentUpdateView = z.infer<typeof agentUpdateView>;

export const setUpdateRingInput = z.strictObject({ ring: z.enum(AGENT_UPDATE_RINGS, { error: "must be pilot or general" }) });

/**
 * Filters, sort and an optional page. Without `perPage` every matching agent is returned (the
 * device list and spec 000's `GET /clients` want them all; REST list endpoints always page).
 */
export const listAgentsInput = z
  .strictObject({
    search: searchField,
    status: z.enum(AGENT_STATUSES, { error: "must be online or offline" }).optional(),
    /** Exact hostname, case-insensitive. */
    hostname: z.string({ error: "must be a string" }).trim().min(1).max(255).optional(),
    group: z.string({ error: "must be a string" }).trim().min(1).max(64).optional(),
    clientId: clientIdInput.optional(),
    siteId: siteIdInput.optional(),
    /** Agents carrying this tag (case-insensitive). */
    tag: z.string({ error: "must be a string" }).trim().min(1).max(64).optional(),
    monitoringType: z.enum(["server", "workstation"], { error: "must be server or workstation" }).optional(),
    sortBy: z.enum(AGENT_SORT_FIELDS, { error: `must be one of ${AGENT_SORT_FIELDS.join(", ")}` }).default("name"),
    ...pagingFields,
  })
  .default({ sortBy: "name", sortOrder: "asc", page: 1 });
export type ListAgentsInput = z.infer<typeof listAgentsInput>;

const diskRecord = z.object({ mount: z.string(), totalBytes: z.number(), freeBytes: z.number(), usedBytes: z.number().optional(), fsType: z.string().optional() });

/** One agent as the service returns it; each surface presents it under its own field names. */
export const agentRecord = z.object({
  agentId: z.string(),
  /** The host name the agent reports. */
  name: z.string(),
  /** What technicians renamed the device to; null when it goes by its host name. */
  displayName: z.string().nullable(),
  group: z.string(),
  client: tenantRef,
  site: tenantRef,
  tags: z.array(z.string()),
  os: z.string().nullable(),
  platform: z.string().nullable(),
  monitoringType: z.enum(["server", "workstation"]),
  status: z.enum(AGENT_STATUSES),
  online: z.boolean(),
  lastSeen: z.string().nullable(),
  /** When the current connection began; null while offline. */
  connectedAt: z.string().nullable(),
  loggedInUser: z.string().nullable(),
  agentVersion: z.string().nullable(),
  /** Self-update ring: `pilot` agents get a release first, `general` ones AGENT_UPDATE_DELAY_HOURS later. */
  updateRing: z.enum(AGENT_UPDATE_RINGS),
  agentUpdate: agentUpdateView,
  /** The address the agent connected from, as the gateway saw it. */
  remoteAddress: z.string().nullable(),
  /** The agent's own interface addresses (reported by the agent). */
  localAddresses: z.array(z.string()),
  specs: z
    .object({
      cpu: z.object({ model: z.string().optional(), cores: z.number().optional() }).optional(),
      memoryBytes: z.number().optional(),
      disks: z.array(diskRecord).optional(),
    })
    .nullable(),
  features: z.array(z.string()),
  metrics: z
    .object({
      at: z.string(),
      cpuPercent: z.number(),
      memoryPercent: z.number(),
      diskPercent: z.number(),
      network: z.object({ rxBytesPerSec: z.number(), txBytesPerSec: z.number() }),
    })
    .nullable(),
  /** When the host last booted (uptime is now minus this); null until the agent reports it. */
  bootTime: z.string().nullable(),
  /** Whether the host waits for a reboot; null while unknown (agents do not report it yet). */
  rebootPending: z.boolean().nullable(),
  /** Open alerts; null until monitoring raises any. */
  alerts: z.number().int().nullable(),
  /** Chat messages from the device's user that the caller has not read yet (POST /chat/{agentId}/read clears them). */
  chatUnread: z.number().int(),
  createdAt: z.string(),
});
export type AgentRecord = z.infer<typeof agentRecord>;

export const agentPage = pageOf(agentRecord);
export type AgentPage = z.infer<typeof agentPage>;

/** Moves agents (one or many, all visible to the caller) to one site. */
export const MAX_AGENTS_PER_MOVE = 500;
export const moveAgentsInput = z.strictObject({
  agentIds: z.array(agentIdInput, { error: "must be a list of agent ids" }).min(1, "must name at least one agent").max(MAX_AGENTS_PER_MOVE, `must name at most ${MAX_AGENTS_PER_MOVE} agents`),
  siteId: siteIdInput,
});
export const movedAgents = z.object({ moved: z.number().int(), client: tenantRef, site: tenantRef });

/** Many agents at once (bulk actions of the device list); the name the tenancy check reads. */
export const agentIdsInput = moveAgentsInput.shape.agentIds;

/** A display name: trimmed, at most 64 characters; empty (or null) goes back to the host name. */
export const MAX_DISPLAY_NAME = 64;
export const renameAgentInput = z.strictObject({
  agentId: agentIdInput,
  displayName: z
    .string({ error: "must be a string" })
    .trim()
    .max(MAX_DISPLAY_NAME, `must be at most ${MAX_DISPLAY_NAME} characters`)
    .nullable()
    .transform((value) => value || null),
});


/** Free-form tags: trimmed, 1-64 characters, at most 20 per agent, duplicates (in any case) dropped. */
export const MAX_TAGS = 20;
export const tagSchema = z
  .string({ error: "must be a string" })
  .transform((value) => value.trim().replace(/\s+/g, " "))
  .pipe(z.string().min(1, "must not be empty").max(64, "must be at most 64 characters"));
export const setTagsInput = z.strictObject({
  agentId: agentIdInput,
  tags: z
    .array(tagSchema, { error: "must be a list of tags" })
    .max(MAX_TAGS, `must be at most ${MAX_TAGS} tags`)
    .transform((tags) => tags.filter((tag, index) => tags.findIndex((other) => other.toLowerCase() === tag.toLowerCase()) === index)),
});

/** Adds and removes tags on many agents at once; the other tags of each agent stay. */
export const tagAgentsInput = z
  .strictObject({
    agentIds: agentIdsInput,
    add: z.array(tagSchema, { error: "must be a list of tags" }).max(MAX_TAGS, `must be at most ${MAX_TAGS} tags`).default([]),
    remove: z.array(tagSchema, { error: "must be a list of tags" }).max(MAX_TAGS, `must be at most ${MAX_TAGS} tags`).default([]),
  })
  .refine((input) => input.add.length + input.remove.length > 0, { message: "must add or remove at least one tag", path: ["add"] });
export const taggedAgents = z.object({ changed: z.number().int() });

/** The actions `POST /api/v1/agents/{uuid}/action` can run today. */
export const AGENT_ACTIONS = ["refresh-processes"] as const;
export const agentActionInput = z.strictObject({
  agentId: agentIdInput,
  action: z.enum(AGENT_ACTIONS, { error: `must be one of ${AGENT_ACTIONS.join(", ")}` }),
});

/** Specification 002's heartbeat report, sent by the agent itself (`X-Agent-Key`). */
export const agentReportInput = z.strictObject({
  agentId: agentIdInput,
  hostname: z.string().trim().min(1).max(255).optional(),
  os: z.string().trim().max(255).optional(),
  cpu_percent: z.number({ error: "must be a number" }).min(0).max(100),
  mem_percent: z.number({ error: "must be a number" }).min(0).max(100),
  disk_percent: z.number({ error: "must be a number" }).min(0).max(100),
  uptime_s: z.number({ error: "must be a number" }).int().min(0).optional(),
});
export type AgentReportInput = z.infer<typeof agentReportInput>;
