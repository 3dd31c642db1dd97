"use client";
/**
 * One metric chart (uPlot on a canvas, so nothing inline runs under the page's CSP): average and
 * peak lines, or received and sent, over the chosen range, with each monitoring rule's threshold
 * drawn as a dashed horizontal line in its severity's colour and named beneath the chart.
 */
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { SEVERITY_COLOURS, type ChartModel, type ChartThreshold } from "@/lib/metric-charts";

const HEIGHT = 170;

function drawThresholds(chart: uPlot, thresholds: ChartThreshold[]) {
  const { ctx, bbox } = chart;
  const ratio = window.devicePixelRatio || 1;
  ctx.save();
  ctx.lineWidth = 1.5 * ratio;
  ctx.setLineDash([6 * ratio, 4 * ratio]);
  ctx.font = `${11 * ratio}px system-ui, sans-serif`;
  ctx.textAlign = "right";
  for (const threshold of thresholds) {
    const y = Math.round(chart.valToPos(threshold.value, "y", true));
    if (y < bbox.top || y > bbox.top + bbox.height) continue;
    const colour = SEVERITY_COLOURS[threshold.severity] ?? "#475569";
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.beginPath();
    ctx.moveTo(bbox.left, y);
    ctx.lineTo(bbox.left + bbox.width, y);
    ctx.stroke();
    ctx.fillText(String(threshold.value), bbox.left + bbox.width - 4 * ratio, y - 4 * ratio);
  }
  ctx.restore();
}

function options(model: ChartModel, width: number, range: { from: number; to: number }): uPlot.Options {
  const format = (value: number | null) => (value == null ? "—" : `${value.toFixed(1)}${model.unit === "%" ? "%" : ` ${model.unit}`}`);
  return {
    width,
    height: HEIGHT,
    scales: { x: { time: true, range: () => [range.from, range.to] }, y: { range: () => [0, model.yMax] } },
    axes: [{ stroke: "#64748b", grid: { stroke: "#f1f5f9" } }, { stroke: "#64748b", grid: { stroke: "#f1f5f9" }, size: 56, values: (_chart, ticks) => ticks.map((tick) => `${tick}${model.unit === "%" ? "%" : ""}`) }],
    series: [
      {},
      ...model.lines.map((line) => ({
        label: line.label,
        stroke: line.colour,
        width: line.dashed ? 1 : 1.5,
        dash: line.dashed ? [3, 3] : undefined,
        fill: line.dashed ? undefined : `${line.colour}1a`,
        // uPlot's default: dots only where points are sparse (a lone first sample stays visible).
        value: (_chart: uPlot, value: number | null) => format(value),
      })),
    ],
    hooks: { draw: [(chart) => drawThresholds(chart, model.thresholds)] },
  };
}

export function MetricChart({ model, from, to }: { model: ChartModel; from: number; to: number }) {
  const target = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = target.current;
    if (!element) return;
    const chart = new uPlot(options(model, element.clientWidth, { from, to }), [model.times, ...model.lines.map((line) => line.values)], element);
    const observer = new ResizeObserver(() => chart.setSize({ width: element.clientWidth, height: HEIGHT }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [model, from, to]);

  return (
    <figure aria-label={`${model.title} chart`} className="min-w-0">
      <figcaption className="mb-1 flex items-baseline justify-between gap-2 text-[13px] font-medium text-slate-900">
        {model.title}
        <span className="text-xs font-normal text-slate-500">{model.unit}</span>
      </figcaption>
      <div ref={target} className="w-full" />
      {model.thresholds.length > 0 ? (
        <ul aria-label={`${model.title} thresholds`} className="mt-1 space-y-0.5 text-xs text-slate-600">
          {model.thresholds.map((threshold) => (
            <li key={threshold.text} className="flex items-center gap-1.5">
              <span aria-hidden className="inline-block w-4 border-t-2 border-dashed" style={{ borderColor: SEVERITY_COLOURS[threshold.severity] ?? "#475569" }} />
              Threshold {threshold.text}
            </li>
          ))}
        </ul>
      ) : null}
    </figure>
  );
}
