/**
 * Dashboard user administration (admins who see every client): who may sign in, with which role
 * and which clients, and ending their access. An admin restricted to some clients administers
 * nobody: they could otherwise hand out access beyond their own.
 */
import { z } from "zod";
import { createUserInput, endedSignIns, resetPasswordInput, setClientsInput, setRoleInput, userSummary, userTargetInput } from "../contracts/users";
import { disableUser, enableUser, endUserSessions, resetUserPassword, setUserClients, setUserRole } from "../services/users-admin";
import { createUser, listUsers } from "../services/users";
import { adminProcedure, router } from "../trpc";

const TAG = "Users";

export const usersRouter = router({
  list: adminProcedure
    .meta({
      summary: "Dashboard users (never their secrets)",
      tag: TAG,
      allClients: true,
      routes: { spec000: { method: "GET", path: "/users", present: { schema: z.object({ users: z.array(userSummary) }), present: (users: unknown[]) => ({ users }) } } },
    })
    .output(z.array(userSummary))
    .query(({ ctx }) => listUsers(ctx.service)),
  create: adminProcedure
    .meta({ summary: "Create a user; a TOTP secret is returned once", tag: TAG, allClients: true, routes: { spec000: { method: "POST", path: "/users", status: 201 } } })
    .input(createUserInput)
    .output(userSummary.extend({ totpSecret: z.string().optional(), otpauthUri: z.string().optional() }))
    .mutation(({ ctx, input }) => createUser(ctx.service, input)),
  disable: adminProcedure
    .meta({ summary: "Disable a user: no sign-in, and their sessions, tokens and API keys stop working at once", tag: TAG, allClients: true })
    .input(userTargetInput)
    .output(userSummary)
    .mutation(({ ctx, input }) => disableUser(ctx.service, input)),
  enable: adminProcedure
    .meta({ summary: "Enable a disabled user again (their API keys work again)", tag: TAG, allClients: true })
    .input(userTargetInput)
    .output(userSummary)
    .mutation(({ ctx, input }) => enableUser(ctx.service, input)),
  setRole: adminProcedure
    .meta({ summary: "Change a user's role; it applies from their next request", tag: TAG, allClients: true })
    .input(setRoleInput)
    .output(userSummary)
    .mutation(({ ctx, input }) => setUserRole(ctx.service, input)),
  setClients: adminProcedure
    .meta({ summary: "Limit a user to some clients (null: every client); it applies from their next request", tag: TAG, allClients: true })
    .input(setClientsInput)
    .output(userSummary)
    .mutation(({ ctx, input }) => setUserClients(ctx.service, input)),
  resetPassword: adminProcedure
    .meta({ summary: "Set a new password for a user and sign them out everywhere", tag: TAG, allClients: true })
    .input(resetPasswordInput)
    .output(userSummary)
    .mutation(({ ctx, input }) => resetUserPassword(ctx.service, input)),
  endSessions: adminProcedure
    .meta({ summary: "Sign a user out everywhere: their sessions end and their /api/v1 tokens are revoked", tag: TAG, allClients: true })
    .input(userTargetInput)
    .output(endedSignIns)
    .mutation(({ ctx, input }) => endUserSessions(ctx.service, input)),
});
