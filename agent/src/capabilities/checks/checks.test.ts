import { describe, expect, it } from "vitest";
import { CommandError } from "../../command-error";
import { checkCapabilityFor, parsePingAverage, pingArguments, type PingRunner } from "./index";

const LINUX_OK = "PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.\n64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.045 ms\n\n--- 127.0.0.1 ping statistics ---\n1 packets transmitted, 1 received, 0% packet loss, time 0ms\nrtt min/avg/max/mdev = 0.045/0.052/0.060/0.007 ms\n";
const WINDOWS_OK = "Reply from 8.8.8.8: bytes=32 time=12ms TTL=117\n\nPing statistics for 8.8.8.8:\n    Minimum = 11ms, Maximum = 13ms, Average = 12ms\n";
const WINDOWS_UNREACHABLE = "Reply from 192.168.1.1: Destination host unreachable.\n";

function recording(answer: { exitCode: number; output: string }) {
  const calls: { file: string; args: string[] }[] = [];
  const runner: PingRunner = async (file, args) => {
    calls.push({ file, args });
    return answer;
  };
  return { calls, runner };
}

describe("ping check", () => {
  it("passes the host as the last argument, after the options, on each OS", () => {
    expect(pingArguments("linux", "example.com", 3)).toEqual(["-c", "3", "-W", "1", "--", "example.com"]);
    expect(pingArguments("win32", "example.com", 2)).toEqual(["-n", "2", "-w", "1000", "example.com"]);
  });

  it("reads the average round trip of Linux and Windows output", () => {
    expect(parsePingAverage(LINUX_OK)).toBe(0.052);
    expect(parsePingAverage(WINDOWS_OK)).toBe(12);
    expect(parsePingAverage("garbage")).toBeUndefined();
  });

  it("answers success with the average when the host replies", async () => {
    const { calls, runner } = recording({ exitCode: 0, output: LINUX_OK });
    await expect(checkCapabilityFor("linux", runner).ping("127.0.0.1", 1)).resolves.toMatchObject({ success: true, averageMs: 0.052 });
    expect(calls[0]!.file).toBe("ping");
  });

  it("counts a Windows 'unreachable' reply (exit code 0) as no answer", async () => {
    const { runner } = recording({ exitCode: 0, output: WINDOWS_UNREACHABLE });
    await expect(checkCapabilityFor("win32", runner).ping("192.168.1.1", 1)).resolves.toMatchObject({ success: false });
  });

  it("refuses a host that ping could read as an option, without running ping", async () => {
    const { calls, runner } = recording({ exitCode: 0, output: "" });
    await expect(checkCapabilityFor("linux", runner).ping("-f", 1)).rejects.toBeInstanceOf(CommandError);
    await expect(checkCapabilityFor("linux", runner).ping("a b; rm -rf /", 1)).rejects.toBeInstanceOf(CommandError);
    expect(calls).toEqual([]);
  });
});
