// Filters over the overview's list of key results: status (needing attention by
// default), owner, objective kind, leading or lagging, unconfirmed dependencies. The
// server filters every key result of the cycle; the filters live in the address, so a
// filtered view can be shared and survives a reload.
import { useEffect, useRef, useState } from "preact/hooks";
import { Combobox } from "../../components/search";
import { filterNames, type Filters } from "../team/filters";

export { filterNames, useFilters, type Filters } from "../team/filters";

/** The API's query for these filters. */
export function filterQuery(f: Filters) {
  const q: Record<string, string> = {};
  for (const n of filterNames) if (f[n]) q[n] = f[n]!;
  return q;
}

/** True unless the list shows what it shows by default: the key results needing attention. */
export function isFiltered(f: Filters) {
  return filterNames.some((n) => f[n] && !(n === "status" && f[n] === "attention"));
}

export function OverviewFilterBar({ filters, set, clear }: { filters: Filters; set: (name: keyof Filters, value: string) => void; clear: () => void }) {
  const status = useRef<HTMLSelectElement>(null);
  // The owner field's text: what is typed, until a person is picked.
  const [owner, setOwner] = useState(filters.owner === "none" ? "" : filters.owner ?? "");
  useEffect(() => setOwner(filters.owner === "none" ? "" : filters.owner ?? ""), [filters.owner]);
  const select = (name: keyof Filters, label: string, any: string, options: [string, string][]) => (
    <label>
      <span>{label}</span>
      <select
        ref={name === "status" ? status : undefined}
        value={name === "status" && filters.status === "attention" ? "" : (filters[name] ?? "")}
        onChange={(e) => set(name, (e.target as HTMLSelectElement).value)}
      >
        <option value="">{any}</option>
        {options.map(([value, text]) => (
          <option value={value}>{text}</option>
        ))}
      </select>
    </label>
  );
  return (
    <form class="filters" aria-label="Filter key results" onSubmit={(e) => e.preventDefault()}>
      {select("status", "Status", "needs attention", [
        ["off-track", "off track"],
        ["at-risk", "at risk"],
        ["on-track", "on track"],
        ["stale", "stale"],
        ["any", "any status"],
      ])}
      <label>
        <span>Owner</span>
        <Combobox
          kind="user"
          label="Owner"
          placeholder="anyone"
          value={owner}
          setValue={(v) => {
            setOwner(v);
            if (v.trim() === "" && filters.owner) set("owner", "");
          }}
          onPick={(f) => {
            setOwner(f.key);
            set("owner", f.key);
          }}
        />
      </label>
      {select("kind", "Objective", "any kind", [
        ["committed", "committed"],
        ["aspirational", "aspirational"],
      ])}
      {select("indicator", "Indicator", "any", [
        ["leading", "leading"],
        ["lagging", "lagging"],
        ["unsaid", "not said"],
      ])}
      {select("dependencies", "Dependencies", "any", [["unconfirmed", "unconfirmed"]])}
      <label class="check">
        <input type="checkbox" checked={filters.owner === "none"} onChange={(e) => set("owner", (e.target as HTMLInputElement).checked ? "none" : "")} /> nobody owns them
      </label>
      {isFiltered(filters) && (
        <button
          type="button"
          onClick={() => {
            clear();
            status.current?.focus(); // the button goes with the filters; focus stays in the form
          }}
        >
          Clear filters
        </button>
      )}
    </form>
  );
}
