/** /api/v3 (Tactical RMM): every method goes to the surface's dispatcher. */
import { v3Handler } from "@/server/api/handlers";

export const dynamic = "force-dynamic";
export const GET = v3Handler;
export const HEAD = v3Handler;
export const POST = v3Handler;
export const PUT = v3Handler;
export const PATCH = v3Handler;
export const DELETE = v3Handler;
