import { restRoute } from "@/server/rest/rest-route";

export const GET = restRoute((caller) => caller.auth.me());
