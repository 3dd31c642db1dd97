import { restRoute } from "@/server/rest/rest-route";

export const GET = restRoute((caller) => caller.groups.list());
export const POST = restRoute((caller, { body }) => caller.groups.create(body), { body: true });
