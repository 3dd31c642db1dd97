import { logoutHandler } from "@/server/rest/auth-handlers";

export const GET = logoutHandler;
