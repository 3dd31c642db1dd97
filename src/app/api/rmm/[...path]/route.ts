/** Specification 000 (root paths, rewritten here by next.config.ts): every method goes to the surface's dispatcher. */
import { spec000Handler } from "@/server/api/handlers";

export const dynamic = "force-dynamic";
export const GET = spec000Handler;
export const HEAD = spec000Handler;
export const POST = spec000Handler;
export const PUT = spec000Handler;
export const PATCH = spec000Handler;
export const DELETE = spec000Handler;
