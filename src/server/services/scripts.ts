/**
 * The script library: scripts with immutable versions and four-eyes approval. Every change of
 * content or language is a new version with its SHA-256; description and the approval setting
 * change the script itself. When a script requires approval, its current version may run only
 * after an admin other than the version's author approved it (`assertRunnable`); the requirement
 * cannot be switched off again, or one admin could switch it off, change the script and run it. Creating,
 * changing and approving are audited, refusals included.
 */
import { createHash } from "node:crypto";
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { ScriptLanguage } from "../../protocol";
import type { CreateScriptInput, ScriptDetail, ScriptSummary, ScriptVersion, UpdateScriptInput } from "../contracts/scripts";
import type { Db } from "../db/client";
import { scripts, scriptVersions } from "../db/schema";
import { AppError } from "../errors";
import { listScriptRuns } from "./script-runs";
import type { ServiceContext } from "./service-context";

type ScriptRow = typeof scripts.$inferSelect;
type VersionRow = typeof scriptVersions.$inferSelect;
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export const sha256Of = (content: string) => createHash("sha256").update(content, "utf8").digest("hex");

const notFound = (what: string | number) => new AppError("NOT_FOUND", typeof what === "number" ? `Script ${what} not found` : `Script '${what}' not found`);

function approvalOf(script: Pick<ScriptRow, "requiresApproval">, version: Pick<VersionRow, "approvedAt">): ScriptSummary["approval"] {
  if (!script.requiresApproval) return "not-required";
  return version.approvedAt ? "approved" : "pending";
}

function toSummary(script: ScriptRow, current: VersionRow): ScriptSummary {
  return {
    id: script.id,
    name: script.name,
    description: script.description,
    language: current.language,
    version: current.version,
    versionId: current.id,
    sha256: current.sha256,
    requiresApproval: script.requiresApproval,
    approval: approvalOf(script, current),
    author: current.author,
    createdAt: script.createdAt.toISOString(),
    updatedAt: script.updatedAt.toISOString(),
  };
}

function toVersion(row: VersionRow): ScriptVersion {
  return {
    id: row.id,
    version: row.version,
    language: row.language,
    sha256: row.sha256,
    author: row.author,
    createdAt: row.createdAt.toISOString(),
    approvedBy: row.approvedBy,
    approvedAt: row.approvedAt?.toISOString() ?? null,
  };
}

/** Every script (or those matching `where`) with its current version, by name. */
async function scriptsWithCurrentVersion(db: Db | Tx, where?: SQL) {
  const latest = sql`(select max(v.version) from ${scriptVersions} v where v.script_id = ${scripts.id})`;
  return db
    .select({ script: scripts, version: scriptVersions })
    .from(scripts)
    .innerJoin(scriptVersions, and(eq(scriptVersions.scriptId, scripts.id), eq(scriptVersions.version, latest)))
    .where(where)
    .orderBy(asc(sql`lower(${scripts.name})`));
}

export async function listScripts(ctx: Pick<ServiceContext, "db">): Promise<ScriptSummary[]> {
  return (await scriptsWithCurrentVersion(ctx.db)).map((row) => toSummary(row.script, row.version));
}

/** A script and its current version, by id or by name (names compare without case). */
export async function findScript(db: Db | Tx, ref: number | string): Promise<{ script: ScriptRow; version: VersionRow }> {
  const where = typeof ref === "number" ? eq(scripts.id, ref) : eq(sql`lower(${scripts.name})`, ref.toLowerCase());
  const [row] = await scriptsWithCurrentVersion(db, where);
  if (!row) throw notFound(ref);
  return row;
}

export async function getScriptContent(ctx: Pick<ServiceContext, "db">, name: string): Promise<{ name: string; content: string }> {
  const { script, version } = await findScript(ctx.db, name);
  return { name: script.name, content: version.content };
}

export async function getScript(ctx: Pick<ServiceContext, "db">, scriptId: number): Promise<ScriptDetail> {
  const { script, version } = await findScript(ctx.db, scriptId);
  const versions = await ctx.db.select().from(scriptVersions).where(eq(scriptVersions.scriptId, scriptId)).orderBy(desc(scriptVersions.version));
  return { ...toSummary(script, version), content: version.content, versions: versions.map(toVersion), runs: await listScriptRuns(ctx, { scriptId }) };
}

async function addVersion(tx: Tx, ctx: ServiceContext, scriptId: number, version: number, language: ScriptLanguage, content: string): Promise<VersionRow> {
  const [row] = await tx
    .insert(scriptVersions)
    .values({ scriptId, version, language, content, sha256: sha256Of(content), authorId: ctx.actor.userId, author: ctx.actor.username })
    .returning();
  return row!;
}

export async function createScript(ctx: ServiceContext, input: CreateScriptInput): Promise<ScriptSummary> {
  const language = input.language ?? "powershell";
  return ctx.db.transaction(async (tx) => {
    const [script] = await tx
      .insert(scripts)
      .values({ name: input.name, description: input.description ?? "", requiresApproval: input.requiresApproval ?? false, createdBy: ctx.actor.username })
      .onConflictDoNothing()
      .returning();
    if (!script) throw new AppError("CONFLICT", `A script named '${input.name}' already exists`);
    const version = await addVersion(tx, ctx, script.id, 1, language, input.content);
    await ctx.audit({ action: "script.create", target: script.name, details: { scriptId: script.id, language, sha256: version.sha256, requiresApproval: script.requiresApproval } }, tx);
    return toSummary(script, version);
  });
}

/** A new version when content or language change; description and the approval setting change in place. */
export async function updateScript(ctx: ServiceContext, input: UpdateScriptInput): Promise<ScriptSummary> {
  return ctx.db.transaction(async (tx) => {
    // Locks the script so that two edits cannot both make version N+1.
    const [locked] = await tx.select().from(scripts).where(eq(scripts.id, input.scriptId)).for("update");
    if (!locked) throw notFound(input.scriptId);
    // One admin switching the requirement off could then change and run the script alone.
    if (locked.requiresApproval && input.requiresApproval === false) {
      throw new AppError("CONFLICT", `Script '${locked.name}' requires approval, and that cannot be switched off: add a new script instead`);
    }
    const { version: current } = await findScript(tx, input.scriptId);
    const language = input.language ?? current.language;
    const content = input.content ?? current.content;
    const changed = language !== current.language || content !== current.content;
    const version = changed ? await addVersion(tx, ctx, locked.id, current.version + 1, language, content) : current;
    const [script] = await tx
      .update(scripts)
      .set({ description: input.description ?? locked.description, requiresApproval: input.requiresApproval ?? locked.requiresApproval, updatedAt: new Date() })
      .where(eq(scripts.id, locked.id))
      .returning();
    await ctx.audit(
      {
        action: "script.update",
        target: locked.name,
        details: { scriptId: locked.id, version: version.version, sha256: version.sha256, newVersion: changed, requiresApproval: script!.requiresApproval },
      },
      tx,
    );
    return toSummary(script!, version);
  });
}

/** Four eyes: an admin approves a version someone else wrote. */
export async function approveScriptVersion(ctx: ServiceContext, input: { scriptId: number; versionId: number }): Promise<ScriptVersion> {
  const [row] = await ctx.db
    .select({ version: scriptVersions, name: scripts.name })
    .from(scriptVersions)
    .innerJoin(scripts, eq(scripts.id, scriptVersions.scriptId))
    .where(and(eq(scriptVersions.id, input.versionId), eq(scriptVersions.scriptId, input.scriptId)));
  if (!row) throw new AppError("NOT_FOUND", `Version ${input.versionId} of script ${input.scriptId} not found`);
  const details = { scriptId: input.scriptId, version: row.version.version, sha256: row.version.sha256 };
  if (row.version.authorId === ctx.actor.userId) {
    await ctx.audit({ action: "script.approve", target: row.name, success: false, details: { ...details, error: "own version" } });
    throw new AppError("FORBIDDEN", "A script version must be approved by an admin other than its author");
  }
  if (row.version.approvedAt) return toVersion(row.version);
  const [approved] = await ctx.db
    .update(scriptVersions)
    .set({ approvedById: ctx.actor.userId, approvedBy: ctx.actor.username, approvedAt: new Date() })
    .where(eq(scriptVersions.id, row.version.id))
    .returning();
  await ctx.audit({ action: "script.approve", target: row.name, details });
  return toVersion(approved!);
}

/** Refuses (409) to run a version that awaits its second pair of eyes. */
export function assertRunnable(script: ScriptRow, version: VersionRow): void {
  if (approvalOf(script, version) === "pending") {
    throw new AppError("CONFLICT", `Version ${version.version} of script '${script.name}' has not been approved: an admin other than its author must approve it before it can run`);
  }
}
