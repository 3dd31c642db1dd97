import { describe, expect, it } from "vitest";
import { ReceiveWindow } from "./stream-window";

describe("ReceiveWindow", () => {
  it("grants the window, then more in steps as bytes are passed on", () => {
    const window = new ReceiveWindow(100, 25);
    expect(window.open()).toBe(100);
    expect(window.accept(60)).toBe(true);
    expect(window.outstanding).toBe(40);
    expect(window.release(20)).toBe(0);
    expect(window.release(10)).toBe(30);
    expect(window.outstanding).toBe(70);
    expect(window.accept(70)).toBe(true);
    expect(window.outstanding).toBe(0);
    expect(window.release(100)).toBe(100);
    expect(window.receivedBytes).toBe(130);
  });

  it("notices a sender that sends more than it was granted", () => {
    const window = new ReceiveWindow(100, 25);
    window.open();
    expect(window.accept(100)).toBe(true);
    expect(window.accept(1)).toBe(false);
  });

  it("always grants again once everything received is passed on, so a sender cannot be left waiting", () => {
    const window = new ReceiveWindow(100, 60);
    window.open();
    window.accept(100);
    expect(window.release(50)).toBe(0);
    expect(window.release(50)).toBe(100);
  });
});
