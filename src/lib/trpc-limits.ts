/**
 * How many calls one tRPC batch may carry, shared by the server (which refuses larger batches)
 * and the dashboard's client (which splits its batches to fit). A batch runs its calls in
 * parallel; unbounded, one request could queue any number of agent commands.
 */
export const TRPC_MAX_BATCH_SIZE = 10;
