import { describe, expect, it } from "vitest";
import type { MetricHistory } from "@/server/contracts/metrics";
import { chartModels } from "./metric-charts";

const history: MetricHistory = {
  range: "1h",
  source: "raw",
  stepSeconds: 5,
  from: "2026-11-29T09:00:00.000Z",
  to: "2026-11-29T10:00:00.000Z",
  series: { at: [100, 105], cpu: [10, 20], cpuMax: [15, 30], memory: [50, 51], memoryMax: [52, 53], disk: [70, 70], diskMax: [70, 70], rx: [1024, 4096], rxMax: [2048, 8192], tx: [512, 512], txMax: [512, 512] },
  thresholds: [
    { metric: "cpu", threshold: 85, comparison: "gte", severity: "critical", profileName: "Servers" },
    { metric: "network", threshold: 20, comparison: "gt", severity: "warning", profileName: "Links" },
  ],
};

describe("metric chart models", () => {
  it("draws each rule's threshold on the chart of its metric only", () => {
    const [cpu, memory, , network] = chartModels(history);
    expect(cpu!.thresholds).toEqual([{ value: 85, severity: "critical", text: "Servers: ≥ 85% (critical)" }]);
    expect(memory!.thresholds).toEqual([]);
    expect(network!.thresholds).toEqual([{ value: 20, severity: "warning", text: "Links: received + sent > 20 KB/s (warning)" }]);
  });

  it("charts network in KB/s and raises its y range to show a threshold above every value", () => {
    const network = chartModels(history)[3]!;
    expect(network.lines.map((line) => line.values)).toEqual([[1, 4], [0.5, 0.5]]);
    expect(network.yMax).toBeCloseTo(22);
    expect(chartModels({ ...history, thresholds: [] })[3]!.yMax).toBeCloseTo(4.4);
  });

  it("keeps percentages on a 0-100 scale with average and peak", () => {
    const cpu = chartModels(history)[0]!;
    expect([cpu.yMax, cpu.lines.map((line) => [line.label, line.values])]).toEqual([100, [["Average", [10, 20]], ["Peak", [15, 30]]]]);
  });

  it("breaks the lines where the device sent nothing for more than two steps", () => {
    const cpu = chartModels({ ...history, series: { ...history.series, at: [100, 105, 200], cpu: [1, 2, 3], cpuMax: [1, 2, 3] } })[0]!;
    expect([cpu.times, cpu.lines[0]!.values]).toEqual([[100, 105, 110, 200], [1, 2, null, 3]]);
  });

  it("does not break the lines of an agent that reports less often than a step", () => {
    const at = [0, 15, 30, 45, 60, 300, 315];
    const cpu = chartModels({ ...history, series: { ...history.series, at, cpu: at.map(() => 5), cpuMax: at.map(() => 5) } })[0]!;
    expect(cpu.lines[0]!.values).toEqual([5, 5, 5, 5, 5, null, 5, 5]);
  });
});
