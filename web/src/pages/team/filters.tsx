// Filters over a team page's key results: status, owner, objective kind, leading or
// lagging, unconfirmed dependencies. They live in the URL (?status=off-track&owner=…),
// so a filtered view can be shared and survives a reload.
import { useLocation } from "preact-iso/router";
import type { Schemas } from "../../api/client";

type Page = Schemas["TeamPage"];
type Objective = Page["objectives"][number];
type Kr = Objective["key_results"][number];

export const filterNames = ["status", "owner", "kind", "indicator", "dependencies"] as const;
export type Filters = Partial<Record<(typeof filterNames)[number], string>>;

/** The filters in the URL, and a way to change one (replacing the history entry). */
export function useFilters(): [Filters, (name: keyof Filters, value: string) => void, () => void] {
  const { path, query, route } = useLocation();
  const filters: Filters = {};
  for (const n of filterNames) if (query[n]) filters[n] = query[n];
  const go = (next: Filters) => {
    const q = new URLSearchParams();
    for (const n of filterNames) if (next[n]) q.set(n, next[n]!);
    const s = q.toString();
    route(s ? `${path}?${s}` : path, true);
  };
  return [filters, (name, value) => go({ ...filters, [name]: value || undefined }), () => go({})];
}

function krMatches(kr: Kr, f: Filters): boolean {
  if (f.status === "stale" ? !kr.stale : f.status && kr.pace !== f.status) return false;
  if (f.owner && (kr.owner ?? "") !== (f.owner === "none" ? "" : f.owner)) return false;
  if (f.indicator && (kr.indicator ?? "unsaid") !== f.indicator) return false;
  if (f.dependencies === "unconfirmed" && !kr.unconfirmed_dependencies) return false;
  return true;
}

/** The objectives and key results the filters keep; an objective stays when any of its key results does. */
export function applyFilters(objectives: Objective[], f: Filters): Objective[] {
  const onKrs = Boolean(f.status || f.owner || f.indicator || f.dependencies);
  return objectives
    .filter((o) => !f.kind || o.kind === f.kind)
    .map((o) => ({ ...o, key_results: o.key_results.filter((kr) => krMatches(kr, f)) }))
    .filter((o) => !onKrs || o.key_results.length > 0);
}

export function FilterBar({ page, filters, set, clear, shown }: { page: Page; filters: Filters; set: (name: keyof Filters, value: string) => void; clear: () => void; shown: number }) {
  const all = page.objectives.flatMap((o) => o.key_results);
  const owners = [...new Set(all.map((k) => k.owner).filter((o): o is string => Boolean(o)))].sort();
  const select = (name: keyof Filters, label: string, options: [string, string][]) => (
    <label>
      <span>{label}</span>
      <select value={filters[name] ?? ""} onChange={(e) => set(name, (e.target as HTMLSelectElement).value)}>
        <option value="">any</option>
        {options.map(([value, text]) => (
          <option value={value}>{text}</option>
        ))}
      </select>
    </label>
  );
  const active = filterNames.some((n) => filters[n]);
  return (
    <form class="filters" aria-label="Filter key results" onSubmit={(e) => e.preventDefault()}>
      {select("status", "Status", [
        ["on-track", "on track"],
        ["at-risk", "at risk"],
        ["off-track", "off track"],
        ["stale", "stale"],
      ])}
      {select("owner", "Owner", [...owners.map((o): [string, string] => [o, o]), ["none", "no owner"]])}
      {select("kind", "Objective", [
        ["committed", "committed"],
        ["aspirational", "aspirational"],
      ])}
      {select("indicator", "Indicator", [
        ["leading", "leading"],
        ["lagging", "lagging"],
        ["unsaid", "not said"],
      ])}
      {select("dependencies", "Dependencies", [["unconfirmed", "unconfirmed"]])}
      {active && (
        <button type="button" onClick={clear}>
          Clear filters
        </button>
      )}
      <p class="muted" role="status">
        {active ? `${shown} of ${all.length} key results match.` : ""}
      </p>
    </form>
  );
}
