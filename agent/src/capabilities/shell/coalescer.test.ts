import { describe, expect, it } from "vitest";
import { OutputCoalescer, type Timers } from "./coalescer";

function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  const timers: Timers = {
    set: (fn) => (pending.set(++next, fn), next),
    clear: (handle) => pending.delete(handle as number),
  };
  const fire = () => {
    const due = [...pending.values()];
    pending.clear();
    for (const fn of due) fn();
  };
  return { timers, fire, get armed() { return pending.size; } };
}

describe("OutputCoalescer", () => {
  it("sends small chunks that arrive together as one message once the delay passes", () => {
    const sent: string[] = [];
    const clock = manualTimers();
    const coalescer = new OutputCoalescer((text) => sent.push(text), { timers: clock.timers });
    coalescer.add("l");
    coalescer.add("s\r\n");
    coalescer.add("$ ");
    expect(sent).toEqual([]);
    expect(clock.armed).toBe(1);
    clock.fire();
    expect(sent).toEqual(["ls\r\n$ "]);
  });

  it("sends at once when the cap is reached, and never a message above the cap", () => {
    const sent: string[] = [];
    const clock = manualTimers();
    const coalescer = new OutputCoalescer((text) => sent.push(text), { timers: clock.timers, maxChars: 4 });
    coalescer.add("abcdefghij");
    expect(sent).toEqual(["abcd", "efgh", "ij"]);
    expect(clock.armed).toBe(0);
  });

  it("flush sends what is waiting and cancels the timer", () => {
    const sent: string[] = [];
    const clock = manualTimers();
    const coalescer = new OutputCoalescer((text) => sent.push(text), { timers: clock.timers });
    coalescer.add("bye");
    coalescer.flush();
    expect(sent).toEqual(["bye"]);
    expect(clock.armed).toBe(0);
    coalescer.flush();
    expect(sent).toEqual(["bye"]);
  });
});
