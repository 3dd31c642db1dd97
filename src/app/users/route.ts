import { restRoute } from "@/server/rest/rest-route";

export const GET = restRoute((caller) => caller.users.list());
export const POST = restRoute((caller, { body }) => caller.users.create(body), { body: true, status: 201 });
