import { TRPCError } from "@trpc/server";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { toTRPCError } from "../trpc";
import { isDatabaseUnavailable, reconnectBackoffSeconds } from "./availability";

const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
const serverError = (code: string) => Object.assign(new Error("server says no"), { name: "PostgresError", code });

describe("reconnectBackoffSeconds", () => {
  it("retries within 100-200 ms after the first failure and never waits more than a second", () => {
    expect(reconnectBackoffSeconds(1, () => 0)).toBeCloseTo(0.1);
    expect(reconnectBackoffSeconds(1, () => 1)).toBeCloseTo(0.2);
    for (let retries = 0; retries < 50; retries++) expect(reconnectBackoffSeconds(retries, () => 1)).toBeLessThanOrEqual(1);
    expect(reconnectBackoffSeconds(30, () => 0)).toBeGreaterThanOrEqual(0.5);
  });
});

describe("isDatabaseUnavailable", () => {
  it("recognises the driver's errors for a server that is down, restarting or gone", () => {
    expect(isDatabaseUnavailable(new DrizzleQueryError("select 1", [], refused()))).toBe(true);
    expect(isDatabaseUnavailable(refused())).toBe(true); // a transaction's BEGIN is not wrapped
    for (const code of ["CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECT_TIMEOUT"]) expect(isDatabaseUnavailable(Object.assign(new Error(code), { code }))).toBe(true);
    for (const code of ["57P01", "57P03", "08006", "53300"]) expect(isDatabaseUnavailable(new DrizzleQueryError("select 1", [], serverError(code)))).toBe(true);
  });

  it("leaves real failures alone: a constraint violation, a bug, another service refusing a fetch", () => {
    expect(isDatabaseUnavailable(new DrizzleQueryError("insert", [], serverError("23505")))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("fetch failed", { cause: refused() }))).toBe(false);
  });
});

describe("toTRPCError", () => {
  it("turns an unreachable database into SERVICE_UNAVAILABLE with the message clients see", () => {
    const translated = toTRPCError(new DrizzleQueryError("select 1", [], refused()));
    expect(translated).toBeInstanceOf(TRPCError);
    expect(translated).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: "Database unavailable, try again shortly" });
    const bug = new TypeError("x is undefined");
    expect(toTRPCError(bug)).toBe(bug);
  });
});
