/** Every table of the product, one file per domain. drizzle-kit reads this file. */
export * from "./agent-releases";
export * from "./agents";
export * from "./api-keys";
export * from "./api-tokens";
export * from "./audit";
export * from "./commands";
export * from "./deployments";
export * from "./enrollment";
export * from "./rate-limits";
export * from "./tenancy";
export * from "./users";
export * from "./streams";
export * from "./chat";
export * from "./scripts";
export * from "./monitoring";
export * from "./notifications";
export * from "./tasks";
