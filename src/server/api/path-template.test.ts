import { describe, expect, it } from "vitest";
import { compareSpecificity, compileTemplate, decodePath, MalformedPathError, matchTemplate } from "./path-template";

describe("path templates", () => {
  it("match with or without a trailing slash and name their parameters", () => {
    const agent = compileTemplate("/agents/{agent_id}/");
    expect(matchTemplate(agent, decodePath("/agents/abc-1/"))).toEqual({ agent_id: "abc-1" });
    expect(matchTemplate(agent, decodePath("/agents/abc-1"))).toEqual({ agent_id: "abc-1" });
    expect(matchTemplate(agent, decodePath("/agents/abc-1/runscript/"))).toBeNull();
    expect(matchTemplate(agent, decodePath("/agents/"))).toBeNull();
  });

  it("let two templates name the parameter at one level differently", () => {
    const bySession = compileTemplate("/screen/{sessionId}/answer");
    const byAgent = compileTemplate("/screen/{agentId}/screens");
    expect(matchTemplate(bySession, decodePath("/screen/s-1/answer"))).toEqual({ sessionId: "s-1" });
    expect(matchTemplate(byAgent, decodePath("/screen/a-1/screens"))).toEqual({ agentId: "a-1" });
    expect(matchTemplate(byAgent, decodePath("/screen/s-1/answer"))).toBeNull();
  });

  it("decode percent-escapes once, and refuse malformed ones and NUL bytes", () => {
    expect(decodePath("/agent/a%201/service/W32%2FTime/action")).toEqual(["agent", "a 1", "service", "W32/Time", "action"]);
    expect(() => decodePath("/agents/%E0%A4%A")).toThrow(MalformedPathError);
    expect(() => decodePath("/agents/a%00b")).toThrow(MalformedPathError);
    expect(() => decodePath("/agents/%ED%A0%80")).toThrow(MalformedPathError);
  });

  it("rank literal segments before parameters", () => {
    const routes = [compileTemplate("/agents/{agent_id}/"), compileTemplate("/agents/deployments/")].sort(compareSpecificity);
    expect(routes[0]!.template).toBe("/agents/deployments/");
  });

  it("rank literals first also among templates of other lengths", () => {
    const declared = ["/agents/{agent_id}/", "/agents/", "/agents/deployments/"];
    const sorted = declared.map(compileTemplate).sort(compareSpecificity).map((t) => t.template);
    expect(sorted.indexOf("/agents/deployments/")).toBeLessThan(sorted.indexOf("/agents/{agent_id}/"));
  });
});
