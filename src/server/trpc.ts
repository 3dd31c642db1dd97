/**
 * tRPC foundation: the request context, the role-gated procedure builders (the single place where
 * roles are checked, for the dashboard and every REST path alike) and error translation.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { hasRole, type Actor, type Role } from "./auth/roles";
import type { CommandWaiters } from "./bus/command-waiters";
import type { Db } from "./db/client";
import { AppError, appErrorCodes } from "./errors";
import { zodIssuesToFields } from "./validation";

export type Context = {
  db: Db;
  actor: Actor | null;
  clientIp: string;
  /** The command waiters of this process; a function so that requests that send no command open no LISTEN. */
  waiters: () => CommandWaiters;
};

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const details = cause instanceof ZodError ? zodIssuesToFields(cause) : cause instanceof AppError ? cause.details : undefined;
    return { ...shape, data: { ...shape.data, details } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Translates domain errors into tRPC errors with the code from the one mapping table. */
const translateErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: appErrorCodes[cause.code].trpc, message: cause.message, cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(translateErrors);

function requireRole(minimum: Role) {
  return publicProcedure.use(({ ctx, next }) => {
    if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in required" });
    if (!hasRole(ctx.actor.role, minimum)) throw new TRPCError({ code: "FORBIDDEN", message: `Requires the ${minimum} role` });
    return next({ ctx: { ...ctx, actor: ctx.actor } });
  });
}

export const viewerProcedure = requireRole("viewer");
export const operatorProcedure = requireRole("operator");
export const adminProcedure = requireRole("admin");
