// The overview's teams: the top of the tree, sortable by name, score or key results
// off track, each level collapsible. Teams deeper than the overview lists are a click
// away on their team's page ("teams below").
import { useState } from "preact/hooks";
import type { Schemas } from "../../api/client";
import { Score } from "../../components/ui";

type Row = Schemas["Overview"]["teams"][number];
type SortKey = "name" | "score" | "objectives" | "on_track" | "at_risk" | "off_track";
type Sort = { key: SortKey; down: boolean };

const byName = new Intl.Collator("en-GB", { numeric: true, sensitivity: "base" });

function compare(a: Row, b: Row, s: Sort): number {
  let d: number;
  if (s.key === "name") d = byName.compare(a.name ?? "", b.name ?? "");
  else if (s.key === "score") {
    // Teams without a score go last whichever way the column is sorted.
    if (a.score === null || b.score === null) return a.score === b.score ? byName.compare(a.name ?? "", b.name ?? "") : a.score === null ? 1 : -1;
    d = a.score - b.score;
  } else d = a[s.key] - b[s.key];
  if (s.down) d = -d;
  return d !== 0 ? d : byName.compare(a.name ?? "", b.name ?? "");
}

const columns: [SortKey, string][] = [
  ["name", "Team"],
  ["score", "Score"],
  ["objectives", "Objectives"],
  ["on_track", "On track"],
  ["at_risk", "At risk"],
  ["off_track", "Off track"],
];

export function TeamsTable({ teams, cycle, total }: { teams: Row[]; cycle: string; total: number }) {
  const [sort, setSort] = useState<Sort>({ key: "name", down: false });
  // Open teams show the teams right below them; at first the company is open.
  const [open, setOpen] = useState<Set<number>>(() => new Set(teams.filter((t) => t.depth === 0).map((t) => t.id)));
  const listed = new Set(teams.map((t) => t.id));
  const children = new Map<number | null, Row[]>();
  for (const t of teams) {
    const parent = t.parent_id !== null && listed.has(t.parent_id) ? t.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), t]);
  }
  const deepest = Math.max(0, ...teams.map((t) => t.depth));
  const rows: Row[] = [];
  const walk = (parent: number | null) => {
    for (const t of [...(children.get(parent) ?? [])].sort((a, b) => compare(a, b, sort))) {
      rows.push(t);
      if (open.has(t.id)) walk(t.id);
    }
  };
  walk(null);
  const toggle = (id: number) => {
    const next = new Set(open);
    if (!next.delete(id)) next.add(id);
    setOpen(next);
  };
  const c = encodeURIComponent(cycle);
  const shown = teams.length;
  return (
    <>
      <div class="page-head">
        <h2>Teams</h2>
        <div class="actions">
          <button type="button" class="link" onClick={() => setOpen(new Set(teams.filter((t) => children.has(t.id)).map((t) => t.id)))}>
            Open all
          </button>
          <button type="button" class="link" onClick={() => setOpen(new Set())}>
            Close all
          </button>
        </div>
      </div>
      {total > shown && (
        <p class="muted">
          The {shown.toLocaleString("en-GB")} teams at the top {deepest + 1} levels of the organisation, of {total.toLocaleString("en-GB")}; a team's page lists the
          teams below it.
        </p>
      )}
      <div class="table-wrap" tabIndex={0}>
        <table class="teams">
          <thead>
            <tr>
              {columns.map(([key, label]) => (
                <th scope="col" aria-sort={sort.key === key ? (sort.down ? "descending" : "ascending") : undefined}>
                  <button type="button" class="sort" onClick={() => setSort({ key, down: sort.key === key ? !sort.down : key === "off_track" || key === "at_risk" })}>
                    {label}
                    <span aria-hidden="true">{sort.key === key ? (sort.down ? " ▼" : " ▲") : ""}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => {
              const below = children.get(t.id)?.length ?? 0;
              return (
                <tr data-team={t.key}>
                  <th scope="row" class={`depth-${Math.min(t.depth, 4)}`}>
                    {below > 0 ? (
                      <button type="button" class="toggle" aria-expanded={open.has(t.id)} aria-label={`The ${below} teams below ${t.name}`} onClick={() => toggle(t.id)}>
                        {open.has(t.id) ? "▾" : "▸"}
                      </button>
                    ) : (
                      <span class="toggle" aria-hidden="true" />
                    )}
                    <a href={`/cycles/${c}/teams/${encodeURIComponent(t.key ?? "")}`}>{t.name}</a>
                  </th>
                  <td>
                    <Score score={t.score} band={t.band} />
                  </td>
                  <td>{t.objectives}</td>
                  <td>{t.on_track}</td>
                  <td>{t.at_risk}</td>
                  <td>{t.off_track}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
