/** /api/v1 (specification 001): every method goes to the surface's dispatcher. */
import { v1Handler } from "@/server/api/handlers";

export const dynamic = "force-dynamic";
export const GET = v1Handler;
export const HEAD = v1Handler;
export const POST = v1Handler;
export const PUT = v1Handler;
export const PATCH = v1Handler;
export const DELETE = v1Handler;
