import { loginHandler } from "@/server/rest/auth-handlers";

export const POST = loginHandler;
