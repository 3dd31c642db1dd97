import { ssoHandler } from "@/server/rest/auth-handlers";

export const GET = ssoHandler;
