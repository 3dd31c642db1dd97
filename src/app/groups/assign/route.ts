import { restRoute } from "@/server/rest/rest-route";

export const POST = restRoute((caller, { body }) => caller.groups.assign(body), { body: true });
