/** /api/agents (specification 002): every method goes to the surface's dispatcher. */
import { agentsApiHandler } from "@/server/api/handlers";

export const dynamic = "force-dynamic";
export const GET = agentsApiHandler;
export const HEAD = agentsApiHandler;
export const POST = agentsApiHandler;
export const PUT = agentsApiHandler;
export const PATCH = agentsApiHandler;
export const DELETE = agentsApiHandler;
