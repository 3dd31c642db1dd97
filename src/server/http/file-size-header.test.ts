import { ServerResponse, IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { restoreContentLength } from "./file-size-header";

const response = () => new ServerResponse(new IncomingMessage(new Socket()));

describe("restoreContentLength", () => {
  it("sets Content-Length from X-File-Size, however Next writes the header", () => {
    const set = response();
    restoreContentLength(set);
    set.setHeader("X-File-Size", "5242880");
    expect(set.getHeader("content-length")).toBe("5242880");
    const appended = response();
    restoreContentLength(appended);
    appended.appendHeader("x-file-size", "12");
    expect(appended.getHeader("content-length")).toBe("12");
  });

  it("leaves other answers and malformed sizes alone", () => {
    const plain = response();
    restoreContentLength(plain);
    plain.setHeader("content-type", "application/json");
    plain.setHeader("x-file-size", "12; evil");
    expect(plain.hasHeader("content-length")).toBe(false);
  });
});
