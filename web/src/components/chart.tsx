// A key result's check-ins over time against the expected-pace line (uPlot).
import { useEffect, useRef, useState } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface PacePoint {
  at: string; // ISO instant
  value: number;
}

/**
 * The page's own colours, light or dark as the system sets them, for what uPlot draws
 * on its canvas (which CSS does not reach): text, grid, and the two kinds of line.
 */
export function chartColours() {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { ink: v("--ink", "#1b1f24"), line: v("--line", "#d0d7de"), accent: v("--accent", "#1f5fbf"), muted: v("--muted", "#6b6b6b"), green: v("--green", "#2e7d32") };
}
type Colours = ReturnType<typeof chartColours>;

/** Changes when the system switches between light and dark, so that charts redraw in the new colours. */
function useColourScheme(): boolean {
  const query = typeof window !== "undefined" && window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  const [dark, setDark] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const changed = () => setDark(query.matches);
    query.addEventListener("change", changed);
    return () => query.removeEventListener("change", changed);
  }, []);
  return dark;
}

/** An axis in the page's colours. */
const axis = (c: Colours, more: uPlot.Axis = {}): uPlot.Axis => ({ stroke: c.ink, grid: { stroke: c.line, width: 1 }, ticks: { stroke: c.line, width: 1 }, ...more });

/** Dates on the time axis as everywhere else on the pages: YYYY-MM-DD, far enough apart not to overlap. */
const dayAxis = (c: Colours) => axis(c, { space: 90, values: (_u: uPlot, splits: number[]) => splits.map((s) => new Date(s * 1000).toISOString().slice(0, 10)) });

const seconds = (iso: string) => Math.floor(Date.parse(iso.length === 10 ? iso + "T00:00:00Z" : iso) / 1000);

/**
 * Aligned series for uPlot: check-ins and the straight line over the cycle from start to
 * the value the objective's aim asks for (the target for a committed objective, 70 % of
 * the way there for an aspirational one); no line for a range, which is held, not reached.
 */
export function paceSeries(points: PacePoint[], cycle: { start: string; end: string }, start: number, target: number, aim = 1, range = false) {
  const from = seconds(cycle.start);
  const to = seconds(cycle.end) + 86_399;
  const xs = Array.from(new Set([from, to, ...points.map((p) => seconds(p.at))])).sort((a, b) => a - b);
  const actual = xs.map((x) => {
    const hit = points.filter((p) => seconds(p.at) === x);
    return hit.length ? hit[hit.length - 1].value : null;
  });
  const end = start + aim * (target - start);
  const expected = xs.map((x) => (range ? null : x === from ? start : x === to ? end : null));
  return [xs, actual, expected] as [number[], (number | null)[], (number | null)[]];
}

export function CheckInChart(props: {
  title: string;
  points: PacePoint[];
  cycle: { start: string; end: string };
  start: number;
  target: number;
  unit: string;
  aim?: number;
  range?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  const dark = useColourScheme();
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const data = paceSeries(props.points, props.cycle, props.start, props.target, props.aim ?? 1, props.range ?? false);
    const width = () => Math.max(260, Math.min(el.clientWidth || 600, 900));
    const c = chartColours();
    const plot = new uPlot(
      {
        width: width(),
        height: 200,
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        axes: [dayAxis(c), axis(c, { label: props.unit || undefined, size: 56 })],
        series: [
          {},
          { label: "check-ins", stroke: c.accent, width: 2, spanGaps: true, points: { show: true, size: 6 } },
          { label: "expected pace", stroke: c.muted, width: 1, dash: [6, 4], spanGaps: true, points: { show: false } },
        ],
      },
      data as uPlot.AlignedData,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: 200 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [props.points, props.cycle.start, props.cycle.end, props.start, props.target, props.unit, props.aim, props.range, dark]);
  return (
    <figure class="chart">
      <div ref={box} role="img" aria-label={`Chart of ${props.title}: check-ins against the expected pace`} />
      <figcaption class="sr-only">Check-ins of {props.title} over the cycle against the expected pace line; the same values are listed in the history below.</figcaption>
    </figure>
  );
}

/** A plain time series (a KPI's measurements) with its healthy range as two dashed lines. */
export function SeriesChart(props: { title: string; points: PacePoint[]; unit: string; low?: number | null; high?: number | null }) {
  const box = useRef<HTMLDivElement>(null);
  const dark = useColourScheme();
  useEffect(() => {
    const el = box.current;
    if (!el || props.points.length === 0) return;
    const xs = props.points.map((p) => seconds(p.at));
    const ys = props.points.map((p) => p.value);
    const flat = (v: number | null | undefined) => xs.map(() => (v === null || v === undefined ? null : v));
    const width = () => Math.max(240, Math.min(el.clientWidth || 400, 700));
    const c = chartColours();
    const plot = new uPlot(
      {
        width: width(),
        height: 140,
        legend: { show: false },
        scales: { x: { time: true } },
        axes: [dayAxis(c), axis(c, { size: 56 })],
        series: [
          {},
          { label: props.title, stroke: c.accent, width: 2 },
          { label: "healthy from", stroke: c.green, dash: [4, 4], width: 1 },
          { label: "healthy to", stroke: c.green, dash: [4, 4], width: 1 },
        ],
      },
      [xs, ys, flat(props.low), flat(props.high)] as uPlot.AlignedData,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: 140 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [props.points, props.low, props.high, dark]);
  return <div ref={box} class="chart" role="img" aria-label={`Chart of ${props.title} over time`} />;
}

/** A score week by week (0.0–1.0) beside the score expected by then. */
export function TrendChart(props: { title: string; points: { date: string; score: number | null; expected: number }[] }) {
  const box = useRef<HTMLDivElement>(null);
  const dark = useColourScheme();
  useEffect(() => {
    const el = box.current;
    if (!el || props.points.length === 0) return;
    const xs = props.points.map((p) => seconds(p.date));
    const width = () => Math.max(260, Math.min(el.clientWidth || 600, 900));
    const c = chartColours();
    const plot = new uPlot(
      {
        width: width(),
        height: 160,
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true }, y: { range: [0, 1] } },
        axes: [dayAxis(c), axis(c, { size: 40 })],
        series: [
          {},
          { label: "score", stroke: c.accent, width: 2, points: { show: true, size: 5 } },
          { label: "expected by then", stroke: c.muted, width: 1, dash: [6, 4], points: { show: false } },
        ],
      },
      [xs, props.points.map((p) => p.score), props.points.map((p) => p.expected)] as uPlot.AlignedData,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: 160 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [props.points, dark]);
  const last = props.points[props.points.length - 1];
  return (
    <figure class="chart trend">
      <div ref={box} role="img" aria-label={`${props.title}, week by week, against the score expected by then`} />
      <figcaption class="sr-only">
        {last && last.score !== null
          ? `On ${last.date} the score was ${last.score.toFixed(1)}, with ${last.expected.toFixed(1)} expected by then.`
          : "No history yet."}
      </figcaption>
    </figure>
  );
}
