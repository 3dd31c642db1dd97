/** The CSV export: all matching devices over several pages, only of the user's clients, formulas defused. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parseDeviceListParams } from "@/lib/device-list-params";
import { actorFor, callerAs, seedUser, testServiceContext } from "../../test/actors";
import { createTestDatabase, type TestDatabase } from "../../test/test-db";
import { agents, users } from "../db/schema";
import { createClient } from "../services/clients";
import { deviceCsvResponse } from "./device-export";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  const root = testServiceContext(t.db);
  const alpha = await createClient(root, { name: "Alpha Corp", siteName: "Alpha HQ" });
  const beta = await createClient(root, { name: "Beta Corp", siteName: "Beta HQ" });
  const alphaSite = alpha.sites[0]!.id;
  await t.db.insert(agents).values([
    ...Array.from({ length: 250 }, (_, index) => ({ id: `bulk-${index}`, name: `BULK-${String(index).padStart(3, "0")}`, secretHash: "x", siteId: alphaSite })),
    { id: "evil", name: "EVIL", displayName: "=HYPERLINK(\"http://x\",\"click\")", tags: ["a,b", "@c"], secretHash: "x", siteId: alphaSite, localAddresses: ["10.0.0.5", "fe80::1"], remoteAddress: "203.0.113.9" },
    { id: "other", name: "BETA-PC", secretHash: "x", siteId: beta.sites[0]!.id },
  ]);
  await seedUser(t.db, "amy", "viewer");
  await t.db.update(users).set({ clientIds: [alpha.id] }).where(eq(users.username, "amy"));
});
afterAll(() => t.close());

async function exportAs(username: string, query: string): Promise<{ response: Response; lines: string[] }> {
  const caller = callerAs(t.db, await actorFor(t.db, username));
  const response = deviceCsvResponse((input) => caller.agents.list(input), parseDeviceListParams(new URLSearchParams(query)), new Date("2025-03-10T12:00:00Z"));
  const text = await response.clone().text();
  return { response, lines: text.split("\r\n").slice(0, -1) };
}

it("exports every matching device, past the first page, in the list's order, as a dated download", async () => {
  const { response, lines } = await exportAs("amy", "q=BULK&sort=name&order=desc&page=3&per=50");
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(response.headers.get("content-disposition")).toBe('attachment; filename="devices-2025-03-10.csv"');
  expect(lines[0]).toMatch(/^Name,Hostname,Status,Client,Site,Group,Tags,Local IP addresses,Public IP address,/);
  // The page on screen does not limit the export: all 250, from the last name down.
  expect(lines).toHaveLength(251);
  expect(lines[1]).toMatch(/^BULK-249,BULK-249,offline,Alpha Corp,Alpha HQ,Ungrouped,/);
  expect(lines[250]).toMatch(/^BULK-000,/);
});

it("exports only the user's clients, and defuses cells a spreadsheet would run", async () => {
  const { lines } = await exportAs("amy", "");
  expect(lines).toHaveLength(252);
  expect(lines.some((line) => line.includes("BETA-PC"))).toBe(false);
  const evil = lines.find((line) => line.includes("EVIL"))!;
  expect(evil.startsWith(`"'=HYPERLINK(""http://x"",""click"")",EVIL,`)).toBe(true);
  expect(evil).toContain(`"a,b; @c",10.0.0.5 fe80::1,203.0.113.9,`);
});
