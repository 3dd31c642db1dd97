import { describe, expect, it } from "vitest";
import { endWhenCredentialsLapse } from "./revalidated-stream";

function source() {
  let push!: (text: string) => void;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      push = (text) => controller.enqueue(new TextEncoder().encode(text));
    },
    cancel() {
      cancelled = true;
    },
  });
  return { response: new Response(body, { headers: { "content-type": "text/event-stream" } }), push: (text: string) => push(text), cancelled: () => cancelled };
}

async function readAll(response: Response): Promise<string> {
  return new TextDecoder().decode(await new Response(response.body).arrayBuffer());
}

describe("endWhenCredentialsLapse", () => {
  it("passes the stream through while the credentials hold", async () => {
    const { response, push } = source();
    let valid = true;
    const wrapped = endWhenCredentialsLapse(response, async () => valid, 5);
    const reader = wrapped.body!.getReader();
    push("event: shell\ndata: {}\n\n");
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("event: shell\ndata: {}\n\n");
    await new Promise((resolve) => setTimeout(resolve, 20));
    push("more\n\n");
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("more\n\n");
    valid = false;
    await reader.cancel();
    expect(wrapped.headers.get("content-type")).toBe("text/event-stream");
  });

  it("ends with an `end` event and stops the upstream once they no longer hold", async () => {
    const { response, push, cancelled } = source();
    let valid = true;
    const wrapped = endWhenCredentialsLapse(response, async () => valid, 5);
    push("event: chat\ndata: {}\n\n");
    const all = readAll(wrapped);
    await new Promise((resolve) => setTimeout(resolve, 20));
    valid = false;
    const text = await all;
    expect(text).toContain("event: chat");
    expect(text).toMatch(/event: end\ndata: .*sign in again/);
    expect(cancelled()).toBe(true);
  });

  it("keeps the stream when the check itself fails (database unavailable)", async () => {
    const { response, push } = source();
    const wrapped = endWhenCredentialsLapse(response, () => Promise.reject(new Error("db down")), 5);
    const reader = wrapped.body!.getReader();
    await new Promise((resolve) => setTimeout(resolve, 30));
    push("still here\n\n");
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("still here\n\n");
    await reader.cancel();
  });
});
