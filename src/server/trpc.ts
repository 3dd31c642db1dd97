/**
 * tRPC foundation: the request context, the role-gated procedure builders and error translation.
 *
 * Every procedure carries its contract in metadata (src/server/api/route-types.ts): its minimum
 * role, and the path each REST surface exposes it at. The role builders below write `minRole`
 * into that metadata and the one authorization middleware reads it back, so a role is declared
 * exactly once; navigation, page guards, the REST dispatcher, the OpenAPI documents and the role
 * test matrix all read the same value.
 */
import { randomUUID } from "node:crypto";
import { initTRPC, TRPCError } from "@trpc/server";
import { z, ZodError } from "zod";
import type { ProcedureMeta } from "./api/route-types";
import { hasRole, type Actor, type Role } from "./auth/roles";
import type { CommandWaiters } from "./bus/command-waiters";
import { agentIdInput } from "./contracts/agents";
import { databaseUnavailable, isDatabaseUnavailable } from "./db/availability";
import type { Db } from "./db/client";
import { AppError, appErrorCodes } from "./errors";
import { FORBIDDEN_CHARACTERS_MESSAGE, findForbiddenCharacters } from "./input-safety";
import { findAgentOrThrow } from "./services/agent-commands";
import { createServiceContext } from "./services/service-context";
import { refuseOutsideScope } from "./services/tenancy";
import { zodIssuesToFields } from "./validation";

export type Context = {
  db: Db;
  actor: Actor | null;
  /** The dashboard session the request came with, so that changing one's password can keep it. */
  sessionToken?: string | null;
  /** Set when an agent calls for itself with its `X-Agent-Key` (spec 002's report). */
  agentId?: string | null;
  clientIp: string;
  /** The command waiters of this process; a function so that requests that send no command open no LISTEN. */
  waiters: () => CommandWaiters;
  /** How long agent commands wait for an answer; tests inject a short one. */
  commandTimeoutMs?: number;
};

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        // An unexpected failure's message may carry SQL, parameters or paths: log it under an id
        // and give the client only the id.
        const requestId = randomUUID();
        console.error(`[trpc] ${path ?? "?"} failed (request ${requestId}):`, error.cause ?? error);
        return { ...shape, message: `Internal server error (request ${requestId})`, data: { ...shape.data, stack: undefined, details: undefined } };
      }
      const cause = error.cause;
      const details = cause instanceof ZodError ? zodIssuesToFields(cause) : cause instanceof AppError ? cause.details : undefined;
      return { ...shape, data: { ...shape.data, stack: undefined, details } };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * A domain error, or the database being unreachable, as the tRPC error of the one mapping table;
 * anything else unchanged. Used for errors of procedures and of building the context.
 */
export function toTRPCError(error: unknown): unknown {
  const cause = isDatabaseUnavailable(error) ? databaseUnavailable() : error;
  return cause instanceof AppError ? new TRPCError({ code: appErrorCodes[cause.code].trpc, message: cause.message, cause }) : error;
}

/** Translates domain errors into tRPC errors with the code from the one mapping table. */
const translateErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const translated = toTRPCError(result.error.cause);
    if (translated instanceof TRPCError) throw translated;
  }
  return result;
});

/**
 * The one role and tenancy check: reads the procedure's `minRole` (and `allClients`), confines an
 * actor restricted to some clients to their agents, sites and clients (anything else the input
 * names is "not found"), and hands services their context.
 */
const authorize = t.middleware(async ({ ctx, meta, getRawInput, next }) => {
  const minRole = meta?.minRole;
  if (!minRole || minRole === "public" || minRole === "agent") throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "a role procedure declares no role" });
  if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in required" });
  if (!hasRole(ctx.actor.role, minRole)) throw new TRPCError({ code: "FORBIDDEN", message: `Requires the ${minRole} role` });
  if (meta.allClients && ctx.actor.clientIds !== null) throw new TRPCError({ code: "FORBIDDEN", message: "Requires access to every client" });
  await refuseOutsideScope(ctx.db, ctx.actor, await getRawInput());
  return next({ ctx: { actor: ctx.actor, service: createServiceContext({ ...ctx, actor: ctx.actor }) } });
});

/** Refuses NUL bytes and unpaired surrogates anywhere in the input, naming the field, before anything else runs. */
const refuseForbiddenCharacters = t.middleware(async ({ getRawInput, next }) => {
  const field = findForbiddenCharacters(await getRawInput());
  if (field) throw new AppError("BAD_REQUEST", "Invalid request", { details: [{ field, message: FORBIDDEN_CHARACTERS_MESSAGE }] });
  return next();
});

/** Every procedure starts here: domain errors translated, hostile characters refused. */
const baseProcedure = t.procedure.use(translateErrors).use(refuseForbiddenCharacters);

export const publicProcedure = baseProcedure.meta({ minRole: "public" });

function roleProcedure(minRole: Role) {
  return baseProcedure.meta({ minRole }).use(authorize);
}

export const viewerProcedure = roleProcedure("viewer");
export const operatorProcedure = roleProcedure("operator");
export const adminProcedure = roleProcedure("admin");
export const procedureForRole = { viewer: viewerProcedure, operator: operatorProcedure, admin: adminProcedure } as const;

/**
 * For an agent's calls about itself (`X-Agent-Key`, spec 002's report): only that agent may call,
 * never a person, whatever their role.
 */
export const agentSelfProcedure = baseProcedure
  .meta({ minRole: "agent" })
  .use(({ ctx, next }) => {
    if (!ctx.agentId) throw new TRPCError({ code: ctx.actor ? "FORBIDDEN" : "UNAUTHORIZED", message: "Only an agent may call this, with its X-Agent-Key" });
    return next({ ctx: { agentId: ctx.agentId } });
  });

/** Not strict: the procedure's own input schema (which names `agentId` too) refuses unknown fields. */
const agentScope = z.object({ agentId: agentIdInput });

/**
 * For procedures about one agent: the agent is loaded into `ctx.agent` (404 when unknown, revoked
 * or of a client the actor may not see, after the role check); `ctx.service.request(ctx.agent.id,
 * ...)` sends it commands.
 */
export function agentProcedure(minRole: Role) {
  return procedureForRole[minRole].input(agentScope).use(async ({ ctx, input, next }) => {
    const agent = await findAgentOrThrow(ctx.db, input.agentId);
    return next({ ctx: { agent } });
  });
}
