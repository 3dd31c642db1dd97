import { once } from "node:events";
import net from "node:net";
import { describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { maskingFor } from "./connection";

/** The first frame a client sends after its handshake, as raw bytes, and what a ws server made of it. */
async function firstFrame(masking: ReturnType<typeof maskingFor>, payload: Buffer) {
  const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  const received = new Promise<Buffer>((resolve) => server.on("connection", (socket) => socket.on("message", (data) => resolve(data as Buffer))));
  const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false, ...masking });
  const raw: Buffer[] = [];
  client.on("upgrade", (response) => {
    const write = response.socket.write.bind(response.socket);
    response.socket.write = ((chunk: Buffer, ...rest: never[]) => {
      raw.push(Buffer.from(chunk));
      return write(chunk, ...rest);
    }) as typeof response.socket.write;
  });
  await once(client, "open");
  client.send(payload);
  const data = await received;
  client.close();
  server.close();
  const bytes = Buffer.concat(raw);
  // 2-byte header, 2-byte extended length (payload < 64 KiB), then the 4-byte masking key.
  return { maskBit: (bytes[1]! & 0x80) !== 0, key: bytes.subarray(4, 8), data };
}

describe("frame masking", () => {
  const payload = Buffer.from("x".repeat(300));

  it("masks with a random key over plain ws://", async () => {
    expect(maskingFor("ws://gateway.example:8443/agent")).toEqual({});
    const frame = await firstFrame(maskingFor("ws://gateway.example/agent"), payload);
    expect(frame.maskBit).toBe(true);
    expect(frame.key.equals(Buffer.alloc(4))).toBe(false);
    expect(frame.data.equals(payload)).toBe(true);
  });

  it("sends an all-zero key inside TLS, which a ws server reads unchanged", async () => {
    const frame = await firstFrame(maskingFor("wss://gateway.example/agent"), payload);
    expect(frame.maskBit).toBe(true);
    expect(frame.key.equals(Buffer.alloc(4))).toBe(true);
    expect(frame.data.equals(payload)).toBe(true);
  });
});
