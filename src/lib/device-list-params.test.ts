import { describe, expect, it } from "vitest";
import { deviceListSearch, isFiltered, listInputOf, parseDeviceListParams, withDeviceListChange } from "./device-list-params";

describe("device list params", () => {
  it("reads every filter, the sort and the page from the address", () => {
    const params = parseDeviceListParams({ q: " web ", status: "online", client: "3", site: "7", group: "Lab", tag: "kiosk", sort: "lastSeen", order: "desc", page: "2", per: "100" });
    expect(listInputOf(params)).toEqual({ search: "web", status: "online", clientId: 3, siteId: 7, group: "Lab", tag: "kiosk", sortBy: "lastSeen", sortOrder: "desc", page: 2, perPage: 100 });
  });

  it("drops what does not parse instead of refusing the page", () => {
    const params = parseDeviceListParams({ status: "sleeping", client: "abc", sort: "secret", order: "up", page: "-1", per: "75", q: "" });
    expect(params).toEqual({ sort: "name", order: "asc", page: 1, per: 50 });
    expect(isFiltered(params)).toBe(false);
  });

  it("takes the first of repeated keys, from Next's params and from URLSearchParams alike", () => {
    expect(parseDeviceListParams({ tag: ["a", "b"] }).tag).toBe("a");
    expect(parseDeviceListParams(new URLSearchParams("tag=a&tag=b&page=3")).page).toBe(3);
  });

  it("writes back only what differs from the defaults, so it survives a round trip", () => {
    const params = parseDeviceListParams({ client: "3", sort: "name", page: "1", per: "200", q: "a&b" });
    const search = deviceListSearch(params);
    expect(search).toBe("?q=a%26b&client=3&per=200");
    expect(parseDeviceListParams(new URLSearchParams(search))).toEqual(params);
    expect(deviceListSearch(parseDeviceListParams({}))).toBe("");
  });

  it("goes back to page 1 on any change but paging, and forgets the site when the client changes", () => {
    const params = parseDeviceListParams({ client: "3", site: "7", page: "4" });
    expect(withDeviceListChange(params, { page: 5 })).toMatchObject({ page: 5, site: 7 });
    expect(withDeviceListChange(params, { q: "x" })).toMatchObject({ page: 1, site: 7, client: 3 });
    expect(withDeviceListChange(params, { client: 4 })).toMatchObject({ page: 1, client: 4, site: undefined });
    expect(withDeviceListChange(params, { client: 3, site: 8 })).toMatchObject({ client: 3, site: 8 });
  });
});
