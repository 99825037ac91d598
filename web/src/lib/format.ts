// Pure helpers for showing numbers and dates the way the product speaks of them.

/** A score as users read it: one decimal, Google style ("0.7"). */
export function score1(score: number | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return "–";
  return (Math.round(score * 10) / 10).toFixed(1);
}

/** The band's name, written beside its colour so colour is never the only signal. */
export const bandWord: Record<string, string> = {
  green: "green",
  yellow: "yellow",
  red: "red",
};

/** What a band means (docs/scoring.md). */
export const bandMeaning: Record<string, string> = {
  green: "delivered",
  yellow: "progress, fell short",
  red: "no real progress",
};

export const paceWord: Record<string, string> = {
  "on-track": "On track",
  "at-risk": "At risk",
  "off-track": "Off track",
};

/** Whole days from an ISO instant to a YYYY-MM-DD day (0 when the same day). */
export function daysSince(instant: string, today: string): number {
  const day = Date.parse(instant.slice(0, 10) + "T00:00:00Z");
  const now = Date.parse(today + "T00:00:00Z");
  return Math.max(0, Math.round((now - day) / 86_400_000));
}

export function ago(days: number): string {
  if (days === 0) return "today";
  if (days === 1) return "yesterday";
  return `${days} days ago`;
}

/** A metric's value with its unit: "62.5 %", "€1,200", "done". */
export function formatValue(value: number | null | undefined, metric: string, unit = ""): string {
  if (value === null || value === undefined) return "–";
  if (metric === "boolean") return value >= 1 ? "done" : "not done";
  if (metric === "milestone") return `${trim(value)} %`;
  const n = trim(value);
  if (metric === "percent") return `${n} %`;
  if (metric === "currency") return unit ? `${n} ${unit}` : n;
  // "1 day", not "1 days": a plural word unit (not "ms") loses its s for exactly one.
  const one = Math.abs(value) === 1 && unit.length > 3 && /[a-z]s$/.test(unit) ? unit.slice(0, -1) : unit;
  return one ? `${n} ${one}` : n;
}

function trim(v: number): string {
  return v.toLocaleString("en-GB", { maximumFractionDigits: 2 });
}

/** "Day 45 of 92" for a cycle from start to end (inclusive) on `today`. */
export function cycleDay(start: string, end: string, today: string): { day: number; days: number } {
  const s = Date.parse(start + "T00:00:00Z");
  const e = Date.parse(end + "T00:00:00Z");
  const t = Date.parse(today + "T00:00:00Z");
  const days = Math.round((e - s) / 86_400_000) + 1;
  const day = Math.min(days, Math.max(0, Math.round((t - s) / 86_400_000) + 1));
  return { day, days };
}

/** The band of a one-decimal score, as the server decides it (0.0–0.3, 0.4–0.6, 0.7–1.0). */
export function bandOf(score: number): "red" | "yellow" | "green" {
  const shown = Math.round(score * 10) / 10;
  if (shown >= 0.7) return "green";
  if (shown >= 0.4) return "yellow";
  return "red";
}

/** A number as a person typed it: float noise (63.800000000000004) rounded away. */
export function plain(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  return String(Number(value.toPrecision(12)));
}

/** Where a key result stands: "62 % now · from 40 % to 70 %", or a range's bounds. */
export function standing(kr: {
  metric: string;
  unit: string;
  start: number;
  target: number;
  current: number | null;
  low?: number | null;
  high?: number | null;
}): string {
  const v = (x: number | null | undefined) => formatValue(x, kr.metric === "range" ? "number" : kr.metric, kr.unit);
  if (kr.metric === "range")
    return `${kr.current === null ? "no value yet" : `${v(kr.current)} now`} · keep within ${v(kr.low)}–${v(kr.high)}`;
  if (kr.metric === "boolean") return kr.current === null ? "not done" : formatValue(kr.current, "boolean");
  return `${kr.current === null ? `${v(kr.start)} (start)` : `${v(kr.current)} now`} · from ${v(kr.start)} to ${v(kr.target)}`;
}

/** A forecast as a score with its range, the range left out when it is no range at all. */
export function forecastText(f: { score: number; low: number; high: number }): string {
  const low = score1(f.low);
  const high = score1(f.high);
  return low === high ? `forecast ${score1(f.score)}` : `forecast ${score1(f.score)} (${low}–${high})`;
}

/** "1 objective", "2 objectives". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

/** A moment as people read it in a list: "2026-12-07 14:05" (UTC, as the server stores it). */
export function when(instant: string): string {
  return `${instant.slice(0, 10)} ${instant.slice(11, 16)}`;
}
